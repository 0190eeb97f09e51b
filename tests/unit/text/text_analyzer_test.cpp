#include "text/snowball_stemmer.hpp"
#include "text/text_analyzer.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace veche::text;

namespace {

const snowball_stemmer stemmer;

std::string stem_of(std::string_view word) {
    const auto stems = text_analyzer(stemmer).analyse(word).stems;
    return stems.size() == 1 ? stems.front() : std::string("<") + std::to_string(stems.size()) + " stems>";
}

}  // namespace

TEST_CASE("word forms of a Russian word have one stem") {
    for (const auto& forms : std::vector<std::vector<std::string>>{
             {"грант", "гранты", "гранта", "грантов", "грантам", "грантами", "ГРАНТЕ"},
             {"муниципалитет", "муниципалитеты", "муниципалитета", "муниципалитетов", "муниципалитетам"},
             {"благоустройство", "благоустройства", "благоустройству", "благоустройством"},
             {"дорога", "дороги", "дорог", "дорогам"},
             {"grant", "grants", "Granted"}}) {
        INFO(forms.front());
        std::set<std::string> stems;
        for (const auto& f : forms) stems.insert(stem_of(f));
        CHECK(stems.size() == 1);
    }
    CHECK(stem_of("грант") != stem_of("гарант"));
}

TEST_CASE("case, «ё», stress marks and punctuation do not matter") {
    CHECK(text_analyzer::words("«Ёлки», ЁЛКИ и ёлки!") == std::vector<std::string>{"елки", "елки", "и", "елки"});
    CHECK(text_analyzer::words("за\xcc\x81мок") == std::vector<std::string>{"замок"});  // a combining acute
    CHECK(text_analyzer::words("благоустройство-2024: как?") ==
          std::vector<std::string>{"благоустройство", "2024", "как"});
    CHECK(text_analyzer::words("44-ФЗ") == std::vector<std::string>{"44", "фз"});
    CHECK(text_analyzer::words("").empty());
    CHECK(text_analyzer::words("\xff\xfe").empty());
}

TEST_CASE("stop words carry nothing, the rest is stemmed and cut into trigrams") {
    const auto a = text_analyzer(stemmer).analyse("Как получить грант на благоустройство?");
    CHECK(a.stems == std::vector<std::string>{stem_of("получить"), stem_of("грант"), stem_of("благоустройство")});
    CHECK(text_analyzer(stemmer).analyse("Подскажите, пожалуйста, как и когда?").stems.empty());
    // " грант " has the trigrams " гр", "гра", "ран", "ант", "нт ": five, all different.
    CHECK(text_analyzer(stemmer).analyse("грант").trigrams.size() == 5);
    CHECK(text_analyzer(stemmer).analyse("грант грант").trigrams.size() == 5);
}
