// unit-pack-english.cpp — the English pack is a translation of the French one: both shipped
// packs read without error, and the English one keeps the French one's shape (blocks, heading
// levels, footnotes, map roles and countries, consent purposes and policy) with every text a
// visitor reads filled in.
//
// Depends on: core/pack/pack.hpp, test_support.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/pack/pack.hpp"
#include "test_support.hpp"

using namespace passerelle;
using namespace passerelle::test;

namespace {

PackResult read_pack(const char* relative) {
  return parse_pack(read_file(source_path(relative)), relative);
}

// The footnote references of a text, in order.
std::vector<std::string> footnote_refs(const InlineText& t) {
  std::vector<std::string> ids;
  for (const Span& s : t.spans)
    if (s.kind == Span::Kind::footnote_ref) ids.push_back(s.text);
  return ids;
}

std::vector<std::string> body_footnote_refs(const Page& page) {
  std::vector<std::string> ids;
  for (const Block& b : page.body) {
    for (const std::string& id : footnote_refs(b.text)) ids.push_back(id);
    for (const InlineText& item : b.items)
      for (const std::string& id : footnote_refs(item)) ids.push_back(id);
  }
  return ids;
}

// Code points of UTF-8 text (the map hints must fit the space the French ones take).
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

class EnglishPack : public ::testing::Test {
 protected:
  void SetUp() override {
    fr_ = read_pack("content/international.fr.json");
    en_ = read_pack("content/international.en.json");
    ASSERT_TRUE(fr_.ok()) << format_all(fr_.errors);
    ASSERT_TRUE(en_.ok()) << format_all(en_.errors);
  }
  const Pack& fr() const { return *fr_.pack; }
  const Pack& en() const { return *en_.pack; }

 private:
  PackResult fr_, en_;
};

}  // namespace

TEST_F(EnglishPack, BothPacksReadAndNameTheirLanguage) {
  EXPECT_EQ(fr().lang, "fr");
  EXPECT_EQ(en().lang, "en");
  EXPECT_EQ(en().format, fr().format);
  EXPECT_EQ(en().site.name, fr().site.name);
  EXPECT_EQ(en().page.id, fr().page.id);
}

TEST_F(EnglishPack, PageHasTheSameShape) {
  const Page& f = fr().page;
  const Page& e = en().page;
  EXPECT_FALSE(e.title.empty());
  EXPECT_FALSE(e.lead.plain().empty());
  ASSERT_EQ(e.breadcrumb.size(), f.breadcrumb.size());
  for (const std::string& c : e.breadcrumb) EXPECT_FALSE(c.empty());
  ASSERT_EQ(e.body.size(), f.body.size());
  for (std::size_t i = 0; i < f.body.size(); ++i) {
    SCOPED_TRACE("block " + std::to_string(i));
    EXPECT_EQ(e.body[i].kind, f.body[i].kind);
    EXPECT_EQ(e.body[i].items.size(), f.body[i].items.size());
    if (f.body[i].kind == Block::Kind::heading) EXPECT_EQ(e.body[i].level, f.body[i].level);
    if (f.body[i].kind != Block::Kind::map) EXPECT_EQ(e.body[i].text.empty(), f.body[i].text.empty());
  }
  EXPECT_EQ(e.links.size(), f.links.size());
  for (const PageLink& l : e.links) EXPECT_FALSE(l.text.empty());
}

TEST_F(EnglishPack, FootnotesMatchInCountOrderAndReferences) {
  const Page& f = fr().page;
  const Page& e = en().page;
  ASSERT_EQ(e.footnotes.size(), f.footnotes.size());
  for (std::size_t i = 0; i < f.footnotes.size(); ++i) {
    EXPECT_EQ(e.footnotes[i].id, f.footnotes[i].id);
    EXPECT_FALSE(e.footnotes[i].text.plain().empty());
  }
  EXPECT_EQ(body_footnote_refs(e), body_footnote_refs(f));
  EXPECT_EQ(footnote_refs(e.lead), footnote_refs(f.lead));
}

TEST_F(EnglishPack, MapHasTheSameRolesAndCountriesInOrder) {
  ASSERT_TRUE(fr().map.has_value());
  ASSERT_TRUE(en().map.has_value());
  const MapSection& f = *fr().map;
  const MapSection& e = *en().map;
  EXPECT_EQ(e.geometry, f.geometry);
  ASSERT_EQ(e.roles.size(), f.roles.size());
  for (std::size_t i = 0; i < f.roles.size(); ++i) {
    EXPECT_EQ(e.roles[i].id, f.roles[i].id);
    EXPECT_EQ(e.roles[i].countries, f.roles[i].countries);
    EXPECT_FALSE(e.roles[i].label.empty());
  }
  ASSERT_EQ(e.countries.size(), f.countries.size());
  for (std::size_t i = 0; i < f.countries.size(); ++i) {
    SCOPED_TRACE(f.countries[i].id);
    EXPECT_EQ(e.countries[i].id, f.countries[i].id);
    EXPECT_FALSE(e.countries[i].name.empty());
    if (!f.countries[i].details.empty()) {
      ASSERT_FALSE(e.countries[i].details.empty());
      for (const InlineText& d : e.countries[i].details) EXPECT_FALSE(d.plain().empty());
    }
  }
}

TEST_F(EnglishPack, MapWordsAreFilledAndHintsFitTheFrenchSpace) {
  const MapLabels& f = fr().map->labels;
  const MapLabels& e = en().map->labels;
  for (const std::string* t : {&e.title, &e.list, &e.zoom_in, &e.zoom_out, &e.reset,
                               &e.wheel_hint, &e.touch_hint, &e.empty, &e.other})
    EXPECT_FALSE(t->empty());
  // At most 20 % longer than the French hints, which the hint box is sized for.
  EXPECT_LE(code_points(e.wheel_hint) * 5, code_points(f.wheel_hint) * 6) << e.wheel_hint;
  EXPECT_LE(code_points(e.touch_hint) * 5, code_points(f.touch_hint) * 6) << e.touch_hint;
}

TEST_F(EnglishPack, ConsentIsTheSamePolicyWithBothLanguages) {
  ASSERT_TRUE(fr().consent.has_value());
  ASSERT_TRUE(en().consent.has_value());
  const ConsentConfig& f = *fr().consent;
  const ConsentConfig& e = *en().consent;
  EXPECT_EQ(e.policy_version, f.policy_version);
  EXPECT_EQ(e.retention_days, f.retention_days);
  EXPECT_EQ(e.google_consent_mode, f.google_consent_mode);
  ASSERT_EQ(e.purposes.size(), f.purposes.size());
  for (std::size_t i = 0; i < f.purposes.size(); ++i) {
    SCOPED_TRACE(f.purposes[i].id);
    EXPECT_EQ(e.purposes[i].id, f.purposes[i].id);
    EXPECT_EQ(e.purposes[i].required, f.purposes[i].required);
    EXPECT_FALSE(e.purposes[i].name.in("en").empty());
    ASSERT_EQ(e.purposes[i].services.size(), f.purposes[i].services.size());
    for (std::size_t j = 0; j < f.purposes[i].services.size(); ++j)
      EXPECT_EQ(e.purposes[i].services[j].cookies, f.purposes[i].services[j].cookies);
  }
  // The same texts in both packs, so that a choice reads the same whatever the page.
  ASSERT_EQ(e.texts.size(), f.texts.size());
  ASSERT_EQ(e.texts.count("en"), 1u);
  ASSERT_EQ(e.texts.count("fr"), 1u);
  EXPECT_EQ(e.texts_in("en").title, f.texts_in("en").title);
  EXPECT_EQ(e.texts_in("fr").title, f.texts_in("fr").title);
  EXPECT_NE(e.texts_in(en().lang).title, f.texts_in(fr().lang).title);
}
