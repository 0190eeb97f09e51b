#include "core/text_hygiene.hpp"

#include <catch2/catch.hpp>

using veche::core::clean_user_text;

TEST_CASE("text is trimmed, normalised to NFC and stripped of invisible controls") {
    auto c = clean_user_text("\u00a0 Привет\u2003", true);
    REQUIRE(c);
    CHECK(c->text == "Привет");
    CHECK(c->code_points == 6);

    CHECK(clean_user_text("a\u202Eb\u2066c\u2069d\u200Be\u200Ff\uFEFFg", true)->text == "abcdefg");
    CHECK(clean_user_text("line\r\nnext\rlast", true)->text == "line\nnext\nlast");
    CHECK(clean_user_text("line\nnext", false)->text == "line next");
    CHECK(clean_user_text("tab\there", true)->text == "tab here");
    CHECK(clean_user_text("bell\x07", true)->text == "bell");
    CHECK(clean_user_text("e\u0301", true)->text == "\u00e9");           // NFC
    CHECK(clean_user_text("\U0001F468\u200D\U0001F469", true)->code_points == 3);  // emoji joiner kept
    CHECK(clean_user_text("<img src=x onerror=alert(1)>", true)->text == "<img src=x onerror=alert(1)>");
    CHECK(clean_user_text("", true)->code_points == 0);
}

TEST_CASE("invalid UTF-8 is refused") {
    CHECK_FALSE(clean_user_text(std::string("\xc3\x28", 2), true));
    CHECK_FALSE(clean_user_text(std::string("\xed\xa0\x80", 3), true));  // a surrogate
    CHECK_FALSE(clean_user_text(std::string("abc\xff", 4), true));
}
