// unit-url-policy.cpp — which link targets are allowed.
//
// Depends on: core/base/url_policy.hpp, GoogleTest.
#include <gtest/gtest.h>

#include "core/base/url_policy.hpp"

using passerelle::is_safe_link_url;

TEST(UrlPolicy, AllowsAbsoluteHttpHttpsAndMailto) {
  EXPECT_TRUE(is_safe_link_url("https://www.lacimade.org/"));
  EXPECT_TRUE(is_safe_link_url("http://127.0.0.1:8080/fixtures/target.html"));
  EXPECT_TRUE(is_safe_link_url("https://fr.wikipedia.org/wiki/Cimade_(association)"));
  EXPECT_TRUE(is_safe_link_url("mailto:contact@example.org"));
}

TEST(UrlPolicy, ComparesTheSchemeCaseInsensitively) {
  EXPECT_TRUE(is_safe_link_url("HTTPS://example.org"));
  EXPECT_TRUE(is_safe_link_url("MailTo:a@b.c"));
  EXPECT_FALSE(is_safe_link_url("JAVASCRIPT:alert(1)"));
  EXPECT_FALSE(is_safe_link_url("JavaScript:alert(1)"));
}

TEST(UrlPolicy, RefusesScriptAndDataSchemes) {
  EXPECT_FALSE(is_safe_link_url("javascript:alert(1)"));
  EXPECT_FALSE(is_safe_link_url("data:text/html,<script>alert(1)</script>"));
  EXPECT_FALSE(is_safe_link_url("vbscript:msgbox(1)"));
  EXPECT_FALSE(is_safe_link_url("file:///etc/passwd"));
  EXPECT_FALSE(is_safe_link_url("ftp://example.org/"));
}

TEST(UrlPolicy, RefusesRelativeAndProtocolRelativeUrls) {
  EXPECT_FALSE(is_safe_link_url("//evil.example"));
  EXPECT_FALSE(is_safe_link_url("/international"));
  EXPECT_FALSE(is_safe_link_url("page.html"));
  EXPECT_FALSE(is_safe_link_url("#top"));
  EXPECT_FALSE(is_safe_link_url("?q=1"));
  EXPECT_FALSE(is_safe_link_url(""));
}

TEST(UrlPolicy, RefusesHttpWithoutAHost) {
  EXPECT_FALSE(is_safe_link_url("http:example.org"));
  EXPECT_FALSE(is_safe_link_url("https:/example.org"));
  EXPECT_FALSE(is_safe_link_url("https://"));
  EXPECT_FALSE(is_safe_link_url("https:///path"));
  EXPECT_FALSE(is_safe_link_url("mailto:"));
}

TEST(UrlPolicy, RefusesSpacesControlsAndBackslashesAnywhere) {
  EXPECT_FALSE(is_safe_link_url(" https://example.org"));
  EXPECT_FALSE(is_safe_link_url("https://example.org/a b"));
  EXPECT_FALSE(is_safe_link_url("java\tscript:alert(1)"));
  EXPECT_FALSE(is_safe_link_url("java\nscript:alert(1)"));
  EXPECT_FALSE(is_safe_link_url(std::string_view("https://a\0b", 11)));
  EXPECT_FALSE(is_safe_link_url("https://example.org/\x7F"));
  EXPECT_FALSE(is_safe_link_url("https:\\\\evil.example"));
  EXPECT_FALSE(is_safe_link_url("https://example.org/\xC2\xA0"));       // no-break space
  EXPECT_FALSE(is_safe_link_url("https://example.org/\xE2\x80\xAEgpj"));  // bidi override
  EXPECT_FALSE(is_safe_link_url("https://example.org/\xFF"));           // invalid UTF-8
}

TEST(UrlPolicy, AllowsNonAsciiLettersInThePath) {
  EXPECT_TRUE(is_safe_link_url("https://fr.wikipedia.org/wiki/S\xC3\xA9n\xC3\xA9gal"));
}

// Issue 13, item 7c: "https://ok@evil/" opens evil, whatever the link's text says.
TEST(UrlPolicy, RefusesUserinfoInEveryForm) {
  EXPECT_FALSE(is_safe_link_url("https://ok@evil.example/"));
  EXPECT_FALSE(is_safe_link_url("https://a:b@x.example/"));
  EXPECT_FALSE(is_safe_link_url("https://www.lacimade.org@evil.example"));
  EXPECT_FALSE(is_safe_link_url("http://www.lacimade.org:443@evil.example/path"));
  EXPECT_FALSE(is_safe_link_url("https://@evil.example/"));
  EXPECT_FALSE(is_safe_link_url("HTTPS://OK@EVIL.EXAMPLE/"));
  EXPECT_FALSE(is_safe_link_url("https://ok%40evil.example/"));   // percent-encoded '@'
  EXPECT_FALSE(is_safe_link_url("https://ok%2F@evil.example/"));  // percent-encoded '/' before '@'
  EXPECT_FALSE(is_safe_link_url("https://ok\\@evil.example/"));   // backslash, read as '/'
  EXPECT_FALSE(is_safe_link_url("https:\\\\ok@evil.example/"));
  EXPECT_FALSE(is_safe_link_url("https://ok\t@evil.example/"));   // tab, stripped by browsers
  EXPECT_FALSE(is_safe_link_url("https://ok\xEF\xBC\xA0" "evil.example/"));  // fullwidth '@' (U+FF20)
  EXPECT_FALSE(is_safe_link_url("https://ok\xEF\xB9\xAB" "evil.example/"));  // small '@' (U+FE6B)
  EXPECT_FALSE(is_safe_link_url("https://evil.example\xE2\x88\x95" "ok/"));  // division slash (U+2215)
  EXPECT_FALSE(is_safe_link_url("https://evil.example\xEF\xBC\x8F" "ok/"));  // fullwidth '/' (U+FF0F)
  // An '@' after the authority is only a path, query or fragment: allowed.
  EXPECT_TRUE(is_safe_link_url("https://example.org/@user"));
  EXPECT_TRUE(is_safe_link_url("https://example.org/?to=a@b.c"));
  EXPECT_TRUE(is_safe_link_url("https://example.org#@top"));
  EXPECT_TRUE(is_safe_link_url("mailto:contact@example.org"));
}

TEST(UrlPolicy, AllowsPlainHostsPortsAndAddresses) {
  EXPECT_TRUE(is_safe_link_url("https://example.org:8443/a"));
  EXPECT_TRUE(is_safe_link_url("http://[::1]:8080/"));
  EXPECT_TRUE(is_safe_link_url("https://my_host.example.org"));
  EXPECT_TRUE(is_safe_link_url("https://b\xC3\xBC" "cher.example/"));  // internationalised name
  EXPECT_FALSE(is_safe_link_url("https://:443/"));
  EXPECT_FALSE(is_safe_link_url("https://ex!ample.org/"));
  EXPECT_FALSE(is_safe_link_url("https://example.org;evil/"));
}

TEST(UrlPolicy, RefusesScriptSchemesInOddSpellings) {
  for (const char* url : {"jAvAsCrIpT:alert(1)", " javascript:alert(1)", "javascript :alert(1)", "\tjavascript:alert(1)",
                          "java\rscript:alert(1)", "javascript\n:alert(1)", "\x01javascript:alert(1)",
                          "javascript&colon;alert(1)", "javascript%3Aalert(1)", "&#106;avascript:alert(1)",
                          "\xEF\xBB\xBFjavascript:alert(1)", "\xE2\x80\x8Bjavascript:alert(1)", "JaVaScRiPt:x",
                          "vbscript:x", "data:text/html;base64,PHNjcmlwdD4=", "blob:https://x/y", "filesystem:x",
                          "//evil.example", "\\\\evil.example", "/\\evil.example", "https:evil.example",
                          "https:/\\evil.example", "http//evil.example"})
    EXPECT_FALSE(is_safe_link_url(url)) << url;
}
