// Pinyin of place names (labels) and search by pinyin, from the generated Unihan table.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/model/pinyin.hpp"

using namespace ca::model;

TEST_CASE("Han characters have their common reading first, without tone marks") {
    REQUIRE_FALSE(han_readings(0x6C34).empty());  // 水
    CHECK(han_readings(0x6C34).front() == "shui");
    CHECK(han_readings(0x7EFF).front() == "lü");  // 绿
    const auto chang = han_readings(0x957F);     // 长: both readings are kept for search
    CHECK(std::find(chang.begin(), chang.end(), "chang") != chang.end());
    CHECK(std::find(chang.begin(), chang.end(), "zhang") != chang.end());
    CHECK(han_readings('A').empty());
    CHECK(han_readings(0x3002).empty());  // 。
}

TEST_CASE("Place names are written as maps write them (GB/T 16159)") {
    CHECK(place_name_pinyin("清水镇") == "Qingshui Zhen");
    CHECK(place_name_pinyin("东关村") == "Dongguan Cun");
    CHECK(place_name_pinyin("西安村") == "Xi'an Cun");           // apostrophe before a vowel syllable
    CHECK(place_name_pinyin("新村") == "Xincun");                // one-syllable specific part joins its generic
    CHECK(place_name_pinyin("黄土坡村委会") == "Huangtupo Cunweihui");
    CHECK(place_name_pinyin("城关街道") == "Chengguan Jiedao");
    CHECK(place_name_pinyin("三组") == "Sanzu");
    CHECK(place_name_pinyin("青山2村") == "Qingshan2 Cun");       // digits pass through
    CHECK(place_name_pinyin("") == "");
}

TEST_CASE("Search by pinyin: whole syllables, initials, mixed, any reading, from any character") {
    const PinyinKey qingshui("清水镇");
    CHECK(qingshui.matches("qingshui"));
    CHECK(qingshui.matches("QingShui Zhen"));
    CHECK(qingshui.matches("qsz"));
    CHECK(qingshui.matches("qshuiz"));
    CHECK(qingshui.matches("shui"));  // from the second character on
    CHECK_FALSE(qingshui.matches("qingshan"));
    CHECK_FALSE(qingshui.matches("zq"));
    CHECK_FALSE(qingshui.matches("清水"));  // Chinese text is matched as text, not here
    CHECK(PinyinKey("长岭村").matches("changling"));
    CHECK(PinyinKey("长岭村").matches("zhangling"));
    CHECK(PinyinKey("绿水村").matches("lvshui"));
    CHECK(PinyinKey("绿水村").matches("lushui"));
    CHECK(PinyinKey("西安村").matches("xi'an"));
}
