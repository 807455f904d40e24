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
