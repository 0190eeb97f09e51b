// Delegates and regions (contract 7.1): the region list, the checks on org and
// region, who sees where an author comes from, and the regional picture.
#include "core/affiliation_text.hpp"
#include "core/attendance.hpp"
#include "core/region_list.hpp"
#include "core/session_stats.hpp"
#include "core/visibility.hpp"
#include "session_fixture.hpp"

#include <catch2/catch.hpp>

using namespace veche;
using namespace veche::test;

namespace {

core::region_list some_regions() {
    return core::region_list({"Тверская область", "Республика Татарстан (Татарстан)", "Республика Саха (Якутия)",
                              "Ханты-Мансийский автономный округ — Югра", "Республика Северная Осетия — Алания",
                              "Москва", "Республика Марий Эл", "Марий Эл (Марий Эл)"});
}

core::identity delegate(std::string id, std::string org, std::string region, bool verified,
                        core::role r = core::role::participant) {
    auto who = person(std::move(id), r);
    who.affiliation = {std::move(org), std::move(region), verified};
    return who;
}

}  // namespace

TEST_CASE("a region is found however it is typed") {
    const auto regions = some_regions();
    CHECK(regions.find("Тверская область") == "Тверская область");
    CHECK(regions.find("  тверская   ОБЛАСТЬ ") == "Тверская область");
    CHECK(regions.find("Татарстан") == "Республика Татарстан (Татарстан)");
    CHECK(regions.find("республика татарстан") == "Республика Татарстан (Татарстан)");
    CHECK(regions.find("Якутия") == "Республика Саха (Якутия)");
    CHECK(regions.find("Югра") == "Ханты-Мансийский автономный округ — Югра");
    // Any dash, with or without spaces around it.
    CHECK(regions.find("Ханты-Мансийский автономный округ - Югра") == "Ханты-Мансийский автономный округ — Югра");
    CHECK(regions.find("Ханты–Мансийский автономный округ—Югра") == "Ханты-Мансийский автономный округ — Югра");
    CHECK(regions.find("Северная Осетия") == std::nullopt);  // not a short form of the list
    CHECK(regions.find("Алания") == "Республика Северная Осетия — Алания");
    CHECK(regions.find("Москва") == "Москва");
    CHECK(regions.find("Нарния") == std::nullopt);
    CHECK(regions.find("") == std::nullopt);
    // A full name wins over another name's short form.
    CHECK(regions.find("Республика Марий Эл") == "Республика Марий Эл");
    CHECK(regions.find("Марий Эл") == "Марий Эл (Марий Эл)");
}

TEST_CASE("«ё» and «е», composed and decomposed letters are one") {
    CHECK(core::region_list::key_of("Орёл") == core::region_list::key_of("орел"));
    // «й» stays «й»: only case and «ё» are folded, never a letter's mark.
    CHECK(core::region_list::key_of("Йошкар-Ола") != core::region_list::key_of("Иошкар-Ола"));
    CHECK(core::region_list::key_of("\xD0\x98\xCC\x86") == core::region_list::key_of("й"));  // И + combining breve
}

TEST_CASE("org and region are cleaned, bounded and checked against the list") {
    const auto regions = some_regions();
    CHECK(std::get<std::string>(core::checked_org("  Бежецкий\x07 муниципальный округ\n")) ==
          "Бежецкий муниципальный округ");
    CHECK(std::get<std::string>(core::checked_org("")) == "");
    CHECK(std::get<std::string>(core::checked_org(std::string(200, 'x'))).size() == 200);
    CHECK(std::get<core::refusal>(core::checked_org(std::string(201, 'x'))).code == core::error_code::too_long);
    std::string two_hundred_one_cyrillic;
    for (int i = 0; i < 201; ++i) two_hundred_one_cyrillic += "ж";
    CHECK(std::get<core::refusal>(core::checked_org(two_hundred_one_cyrillic)).code == core::error_code::too_long);
    CHECK(std::get<core::refusal>(core::checked_org("\xC0\xAE")).code == core::error_code::bad_request);

    CHECK(std::get<std::string>(core::checked_region(" тверская область ", regions)) == "Тверская область");
    CHECK(std::get<std::string>(core::checked_region("", regions)) == "");
    const auto unknown = std::get<core::refusal>(core::checked_region("Нарния", regions));
    CHECK(unknown.code == core::error_code::bad_request);
    CHECK(unknown.message.find("region") != std::string::npos);
    CHECK(unknown.message.find("Нарния") == std::string::npos);  // never echoes what was sent
    // Without a list, any clean text.
    CHECK(std::get<std::string>(core::checked_region("Нарния", {})) == "Нарния");
}

TEST_CASE("speakers and moderators see where an author comes from, participants never") {
    session_fixture f;
    const auto tver = delegate("tver", "Бежецкий округ", "Тверская область", true);
    const auto kazan = delegate("kazan", "", "Республика Татарстан (Татарстан)", false);
    const auto named = f.asked(tver, "Как получить грант?");
    const auto hidden = f.asked(kazan, "Анонимно", true);
    core::moderate(f.model, f.mod, {named, core::moderation_action::approve}, f.now);
    core::moderate(f.model, f.mod, {hidden, core::moderation_action::approve}, f.now);
    const auto q = *f.model.find(named);
    const auto a = *f.model.find(hidden);

    const auto staff = core::question_json_for(q, f.speaker)["author"];
    CHECK(staff == nlohmann::json{{"id", "tver"}, {"name", "tver"}, {"org", "Бежецкий округ"},
                                  {"region", "Тверская область"}, {"verified", true}});
    CHECK(core::question_json_for(q, f.mod)["author"] == staff);
    CHECK(core::question_json_for(q, f.admin)["author"] == staff);
    CHECK(core::question_json_for(a, f.mod)["author"] ==
          nlohmann::json{{"id", "kazan"}, {"name", "kazan"}, {"org", nullptr},
                         {"region", "Республика Татарстан (Татарстан)"}, {"verified", false}});
    // An anonymous question stays anonymous to the speaker, region included.
    CHECK(core::question_json_for(a, f.speaker)["author"].is_null());
    // Participants: a named author's id and name only; their own questions without it too.
    for (const auto& who : {f.anna, f.boris, kazan, tver}) {
        for (const auto* question : {&q, &a}) {
            const auto author = core::question_json_for(*question, who)["author"];
            if (author.is_null()) continue;
            CHECK_FALSE(author.contains("org"));
            CHECK_FALSE(author.contains("region"));
            CHECK_FALSE(author.contains("verified"));
        }
    }
    CHECK(core::question_json_for(a, kazan)["author"]["id"] == "kazan");
}

TEST_CASE("attendance keeps one region per person, the latest") {
    core::attendance people;
    CHECK(people.note("anna", "Тверская область"));
    CHECK_FALSE(people.note("anna", "Тверская область"));
    CHECK(people.note("boris", ""));
    CHECK(people.note("anna", "Москва"));
    CHECK(people.size() == 2);
    CHECK(people.regions().at("anna") == "Москва");
}

TEST_CASE("the regional picture counts people, askers and questions by region") {
    session_fixture f;
    core::attendance people;
    for (const auto* id : {"t1", "t2", "t3"}) people.note(id, "Тверская область");
    for (const auto* id : {"k1", "k2"}) people.note(id, "Республика Татарстан (Татарстан)");
    for (const auto* id : {"n1", "n2"}) people.note(id, "");
    people.note("m1", "Москва");
    f.asked(delegate("t1", "", "Тверская область", true), "Первый");
    f.asked(delegate("t1", "", "Тверская область", true), "Второй от того же");
    f.asked(delegate("k1", "", "Республика Татарстан (Татарстан)", false), "Из Казани", true);
    f.asked(delegate("n1", "", "", false), "Без региона");
    // A moderator asking counts as an asker, not as a participant.
    f.asked(delegate("mod2", "", "Москва", true, core::role::moderator), "Вопрос модератора");

    const auto stats = core::stats_json(people, f.model.questions());
    CHECK(stats["participants"] == 8);
    CHECK(stats["askers"] == 4);
    CHECK(stats["questions"] == 5);
    const auto regions = stats["regions"];
    REQUIRE(regions.size() == 4);
    CHECK(regions[0] == nlohmann::json{{"region", "Тверская область"}, {"participants", 3}, {"askers", 1}, {"questions", 2}});
    // Two participants and one question each: a named region before null.
    CHECK(regions[1]["region"] == "Республика Татарстан (Татарстан)");
    CHECK(regions[1]["askers"] == 1);
    CHECK(regions[2] == nlohmann::json{{"region", nullptr}, {"participants", 2}, {"askers", 1}, {"questions", 1}});
    CHECK(regions[3] == nlohmann::json{{"region", "Москва"}, {"participants", 1}, {"askers", 1}, {"questions", 1}});

    const auto empty = core::stats_json(core::attendance{}, {});
    CHECK(empty == nlohmann::json{{"participants", 0}, {"askers", 0}, {"questions", 0}, {"regions", nlohmann::json::array()}});
}
