#include "text/similarity_index.hpp"
#include "text/snowball_stemmer.hpp"

#include "unit/text/similarity_quality.hpp"

#include <catch2/catch.hpp>

using namespace veche::text;

namespace {

const snowball_stemmer stemmer;
const auto everyone = [](const std::string&) { return true; };

std::vector<std::string> ids(const std::vector<similar_match>& matches) {
    std::vector<std::string> out;
    for (const auto& m : matches) out.push_back(m.id);
    return out;
}

similarity_index forum_index() {
    similarity_index index(stemmer);
    index.put("q1", "Как получить грант на благоустройство двора?");
    index.put("q2", "Когда отремонтируют дорогу в посёлке?");
    index.put("q3", "Сколько грантов выдали муниципалитетам области?");
    index.put("q4", "Будет ли газ в деревне Малиновка?");
    return index;
}

}  // namespace

TEST_CASE("the most similar visible questions come first, none under the threshold") {
    const auto index = forum_index();
    const auto found = index.query("гранты на благоустройство дворов — как подать?", 5, 0.2, everyone);
    REQUIRE_FALSE(found.empty());
    CHECK(found.front().id == "q1");
    for (const auto& m : found) {
        CHECK(m.score > 0);
        CHECK(m.score <= 1);
    }
    for (std::size_t i = 1; i < found.size(); ++i) CHECK(found[i - 1].score >= found[i].score);
    CHECK(index.query("Когда отремонтируют дорогу в посёлке?", 5, 0.99, everyone).front().score == Approx(1.0));
    CHECK(index.query("погода на выходных", 5, similarity_index::default_threshold, everyone).empty());
    CHECK(index.query("", 5, 0, everyone).empty());
    CHECK(index.query("грант", 1, 0, everyone).size() == 1);
}

TEST_CASE("a typo or two still find the question") {
    const auto index = forum_index();
    for (const auto* typed : {"Как получть грант на благоустройство двора", "Как получить гарнт на благоустройсво двора?"}) {
        INFO(typed);
        const auto found = index.query(typed, 3, similarity_index::default_threshold, everyone);
        REQUIRE_FALSE(found.empty());
        CHECK(found.front().id == "q1");
    }
}

TEST_CASE("only questions the caller may see are answered") {
    const auto index = forum_index();
    const auto hidden_q1 = [](const std::string& id) { return id != "q1"; };
    CHECK(ids(index.query("грант на благоустройство двора", 5, 0.1, hidden_q1)) == std::vector<std::string>{"q3"});
}

TEST_CASE("questions are replaced and removed") {
    auto index = forum_index();
    index.put("q2", "Будет ли новый мост через реку?");
    CHECK(index.size() == 4);
    CHECK(index.query("ремонт дороги в посёлке", 5, 0.3, everyone).empty());
    CHECK(ids(index.query("мост через реку", 5, 0.3, everyone)) == std::vector<std::string>{"q2"});
    index.remove("q2");
    index.remove("nothing");
    CHECK(index.size() == 3);
    CHECK(index.query("мост через реку", 5, 0.1, everyone).empty());
    // A word every question has says little: it weighs less than a rare one.
    similarity_index common(stemmer);
    common.put("a", "грант школа");
    common.put("b", "грант больница");
    common.put("c", "грант дорога");
    CHECK(common.score("грант школа", "a") > common.score("грант школа", "b"));
}

TEST_CASE("on the test set the default threshold tells the same question from a related one") {
    const auto pairs = veche::test::score_question_pairs(std::string(VECHE_SOURCE_DIR) +
                                                         "/tests/unit/text/question_pairs.json");
    REQUIRE(pairs.size() >= 90);
    const auto q = veche::test::quality_at(pairs, similarity_index::default_threshold, "related");
    INFO("precision " << q.precision << ", recall " << q.recall);
    CHECK(q.recall >= 0.8);
    CHECK(q.precision >= 0.9);
}

TEST_CASE("a query at the threshold finds exactly what scoring every question would, only faster") {
    std::ifstream in(std::string(VECHE_SOURCE_DIR) + "/tests/unit/text/question_pairs.json");
    const auto data = nlohmann::json::parse(in);
    std::vector<std::string> texts;
    for (const auto* kind : {"same", "related", "near_miss"})
        for (const auto& p : data[kind])
            for (const auto& t : p) texts.push_back(t);
    similarity_index index(stemmer);
    for (std::size_t i = 0; i < texts.size(); ++i) index.put("q" + std::to_string(i), texts[i]);
    std::size_t found = 0;
    for (const auto& text : texts) {
        // Threshold 0 takes the path that scores every question sharing a stem or a trigram.
        std::vector<similar_match> expected;
        for (const auto& m : index.query(text, texts.size(), 0, everyone))
            if (m.score >= similarity_index::default_threshold) expected.push_back(m);
        const auto got = index.query(text, texts.size(), similarity_index::default_threshold, everyone);
        REQUIRE(ids(got) == ids(expected));
        for (std::size_t i = 0; i < got.size(); ++i) CHECK(got[i].score == expected[i].score);
        found += got.size();
    }
    CHECK(found > texts.size());  // every text finds itself, and some others
}
