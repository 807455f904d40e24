// unit-font-state.cpp — when ImGui's font atlas is built again: new text, another tier of
// the type scale, another pixel ratio; not for a resize within a tier, nor for Latin-1 names.
//
// Depends on: ui/app/font_state.hpp, headless.hpp (an ImGui context, Noto), GoogleTest.
#include <gtest/gtest.h>

#include "headless.hpp"
#include "ui/app/font_state.hpp"

namespace passerelle::ui {
namespace {

TEST(FontState, TiersFollowTheTypeScaleAndThePixelRatio) {
  EXPECT_EQ(FontState::tier_of(1280, 1), FontState::tier_of(1100, 1));
  EXPECT_NE(FontState::tier_of(1280, 1), FontState::tier_of(375, 1)) << "compact";
  EXPECT_NE(FontState::tier_of(1280, 1), FontState::tier_of(2560, 1)) << "large";
  EXPECT_NE(FontState::tier_of(1280, 1), FontState::tier_of(1280, 2));
  EXPECT_NE(FontState::tier_of(1280, 1), FontState::tier_of(1280, 1.25f)) << "browser zoom";
}

TEST(FontState, NothingIsBuiltWithoutAllFacesOrAWidth) {
  FontState f;
  EXPECT_FALSE(f.wants_build(1280));
  testing::set_noto_faces(f);
  EXPECT_FALSE(f.wants_build(0));
  EXPECT_TRUE(f.wants_build(1280));
}

TEST(FontState, AResizeWithinATierKeepsTheAtlas) {
  testing::ImGuiContextScope imgui;
  FontState f;
  testing::set_noto_faces(f);
  ImGuiIO& io = ImGui::GetIO();
  ASSERT_TRUE(f.build(io, 1280, 2, "Essai"));
  EXPECT_TRUE(f.book().built());
  EXPECT_FLOAT_EQ(io.FontGlobalScale, 0.5f) << "rasterised at device px, laid out in CSS px";
  EXPECT_EQ(io.FontDefault, f.book().font(type_scale_for_width(1280).ui));
  EXPECT_FALSE(f.wants_build(1280));
  f.viewport_changed(1100, 2);
  EXPECT_FALSE(f.wants_build(1100));
  f.viewport_changed(375, 2);
  EXPECT_TRUE(f.wants_build(375));
  ASSERT_TRUE(f.build(io, 375, 2, "Essai"));
  f.viewport_changed(375, 3);
  EXPECT_TRUE(f.wants_build(375));
}

TEST(FontState, OnlyTextTheAtlasesLackNeedsANewBuild) {
  testing::ImGuiContextScope imgui;
  FontState f;
  testing::set_noto_faces(f);
  ASSERT_TRUE(f.build(ImGui::GetIO(), 1280, 1, "Curaçao"));
  f.text_added("Algérie, Sénégal, Curaçao, São Tomé, Åland, « 10 » × 2…");
  EXPECT_FALSE(f.wants_build(1280)) << "ASCII, the base glyphs and the text built with";
  f.text_added("Guinée-Bissau, Bahreïn, Côte d’Ivoire");  // ’: neither base nor built text
  EXPECT_TRUE(f.wants_build(1280));
  ASSERT_TRUE(f.build(ImGui::GetIO(), 1280, 1, "Côte d’Ivoire"));
  f.text_added("Việt Nam");
  EXPECT_TRUE(f.wants_build(1280));
  ASSERT_TRUE(f.build(ImGui::GetIO(), 1280, 1, "Việt Nam"));
  f.text_added("Việt Nam");
  EXPECT_FALSE(f.wants_build(1280));
  f.text_changed();  // a new pack
  EXPECT_TRUE(f.wants_build(1280));
}

TEST(FontState, ABuildInSlicesMakesTheUiFontImGuisAtTheFirstSlice) {
  testing::ImGuiContextScope imgui;
  FontState f;
  testing::set_noto_faces(f);
  ImGuiIO& io = ImGui::GetIO();
  ASSERT_TRUE(f.begin_build(io, 1280, 2, "Essai"));
  EXPECT_FALSE(f.wants_build(1280)) << "the build is under way";
  const int slices = f.slices_left();
  EXPECT_EQ(slices, static_cast<int>(f.book().atlases().size())) << "a slice per atlas";
  EXPECT_GT(slices, 1);
  EXPECT_LT(slices, static_cast<int>(type_scale_for_width(1280).all().size())) << "sizes share atlases at 2x";
  ImFontAtlas* first = f.build_slice(io);
  EXPECT_EQ(first, io.Fonts) << "the UI's default font first, in io.Fonts";
  EXPECT_EQ(io.FontDefault, f.book().font(type_scale_for_width(1280).ui)) << "drawable: the first frame may come now";
  EXPECT_FALSE(f.book().built());
  while (f.building()) ASSERT_NE(f.build_slice(io), nullptr);
  EXPECT_TRUE(f.book().built());
  EXPECT_EQ(io.FontDefault, f.book().font(type_scale_for_width(1280).ui));
  EXPECT_EQ(io.FontDefault->ContainerAtlas, io.Fonts);
  EXPECT_FLOAT_EQ(io.FontGlobalScale, 0.5f);
  EXPECT_FALSE(f.wants_build(1280));
}

TEST(FontState, ChangesDuringSlicesMakeAnotherBuildDue) {
  testing::ImGuiContextScope imgui;
  ImGuiIO& io = ImGui::GetIO();
  {
    FontState f;
    testing::set_noto_faces(f);
    ASSERT_TRUE(f.begin_build(io, 1280, 1, ""));
    f.build_slice(io);
    f.viewport_changed(1100, 1);  // the same tier as the build under way
    f.text_added("Algérie");
    while (f.building()) f.build_slice(io);
    EXPECT_FALSE(f.wants_build(1100));
  }
  {
    FontState f;
    testing::set_noto_faces(f);
    ASSERT_TRUE(f.begin_build(io, 1280, 1, ""));
    f.build_slice(io);
    f.viewport_changed(1280, 2);  // another pixel ratio
    while (f.building()) f.build_slice(io);
    EXPECT_TRUE(f.wants_build(1280));
  }
  {
    FontState f;
    testing::set_noto_faces(f);
    ASSERT_TRUE(f.begin_build(io, 1280, 1, ""));
    f.text_changed();  // a notice
    while (f.building()) f.build_slice(io);
    EXPECT_TRUE(f.wants_build(1280));
  }
}

}  // namespace
}  // namespace passerelle::ui
