// Delegates and regions over the real server (contract 7.1): who sees where
// an author comes from in every frame, the regional picture over HTTP, and
// hostile input to join and `veche token`.
#include "forum_fixture.hpp"
#include "server_metrics.hpp"

#include <catch2/catch.hpp>
#include <csignal>

using namespace veche::test;
using json = nlohmann::json;

namespace {

// A delegate's token as the organiser mints it (verified).
std::string delegate_token(forum_fixture& f, const std::string& name, const std::string& org, const std::string& region) {
    auto r = run_veche({"token", "--config", f.config_path, "--role", "participant", "--name", name, "--org", org,
                        "--region", region});
    REQUIRE(r.exit_code == 0);
    return r.out.substr(0, r.out.find('\n'));
}

// Every message the client got since it connected, once nothing more comes for a while (batches unpacked).
std::vector<json> drain(ws_client& c, std::chrono::milliseconds quiet = 300ms) {
    while (c.next(quiet)) {
    }
    return c.seen();
}

// Whether any object inside `value` has one of the affiliation keys.
bool names_affiliation(const json& value) {
    if (value.is_object()) {
        for (const auto* key : {"org", "region", "verified"})
            if (value.contains(key)) return true;
        for (const auto& [key, item] : value.items())
            if (names_affiliation(item)) return true;
    } else if (value.is_array()) {
        for (const auto& item : value)
            if (names_affiliation(item)) return true;
    }
    return false;
}

// The author of question `id` in the last message about it (snapshot, event or replay).
json author_in(const std::vector<json>& messages, const std::string& id) {
    json author = "absent";
    for (const auto& m : messages) {
        if (m["type"] == "snapshot")
            for (const auto& q : m["questions"])
                if (q["id"] == id) author = q["author"];
        if (m["type"] == "event" && m["kind"] == "question" && m["data"]["id"] == id && m["data"].contains("author"))
            author = m["data"]["author"];
    }
    return author;
}

const json tver_author = {{"id", nullptr}, {"name", "Ирина Волкова"}, {"org", "Бежецкий муниципальный округ"},
                          {"region", "Тверская область"}, {"verified", true}};

}  // namespace

TEST_CASE("a participant never receives another person's org or region, speakers and moderators do") {
    forum_fixture f;
    const auto tver = delegate_token(f, "Ирина Волкова", "Бежецкий муниципальный округ", "тверская область");
    const auto kazan = f.join("");
    const auto self_declared =
        http_post(f.port(), "/api/v1/join", json{{"name", "Ильдар"}, {"org", "Елабуга"}, {"region", "Татарстан"}}.dump());
    REQUIRE(self_declared.status == 200);
    const auto ildar = self_declared.json();
    CHECK(ildar["participant"]["region"] == "Республика Татарстан (Татарстан)");
    CHECK(ildar["participant"]["verified"] == false);

    const auto mod_token = f.staff_token("moderator");
    auto reader = f.subscribed(kazan["token"], pre_session);
    auto speaker = f.subscribed(f.staff_token("speaker"), pre_session);
    auto mod = f.subscribed(mod_token, pre_session);
    auto tver_client = f.subscribed(tver, pre_session);
    auto ildar_client = f.subscribed(ildar["token"], pre_session);

    const auto named = tver_client->request({{"type", "ask"}, {"session", pre_session}, {"text", "Как получить грант?"}});
    const auto hidden = ildar_client->request(
        {{"type", "ask"}, {"session", pre_session}, {"text", "Вопрос без имени"}, {"anonymous", true}});
    REQUIRE(named["type"] == "ack");
    REQUIRE(hidden["type"] == "ack");
    for (const auto& id : {named["id"], hidden["id"]})
        REQUIRE(mod->request({{"type", "moderate"}, {"question", id}, {"action", "approve"}})["type"] == "ack");

    auto reader_frames = drain(*reader);
    const auto speaker_frames = drain(*speaker);
    const auto mod_frames = drain(*mod);
    // A participant's own questions come back without it too.
    for (auto* c : {tver_client.get(), ildar_client.get()})
        for (const auto& m : drain(*c)) CHECK_FALSE(names_affiliation(m));

    auto expected = tver_author;
    expected["id"] = author_in(mod_frames, named["id"])["id"];
    CHECK(author_in(mod_frames, named["id"]) == expected);
    CHECK(author_in(speaker_frames, named["id"]) == expected);
    CHECK(author_in(mod_frames, hidden["id"])["region"] == "Республика Татарстан (Татарстан)");
    CHECK(author_in(mod_frames, hidden["id"])["org"] == "Елабуга");
    CHECK(author_in(mod_frames, hidden["id"])["verified"] == false);
    CHECK(author_in(speaker_frames, hidden["id"]).is_null());  // anonymous stays anonymous on stage
    CHECK(author_in(reader_frames, named["id"]) == json{{"id", expected["id"]}, {"name", "Ирина Волкова"}});
    CHECK(author_in(reader_frames, hidden["id"]).is_null());

    // The same after a reconnect: a fresh snapshot, a replay with since, and the HTTP list.
    json snapshot;
    auto again = f.subscribed(kazan["token"], pre_session, &snapshot);
    reader_frames.push_back(snapshot);
    auto resumed = f.connect(kazan["token"]);
    resumed->send({{"type", "subscribe"}, {"session", pre_session}, {"since", 1}});
    for (const auto& m : drain(*resumed)) reader_frames.push_back(m);
    CHECK(author_in(std::vector<json>{snapshot}, named["id"]) == json{{"id", expected["id"]}, {"name", "Ирина Волкова"}});
    json speaker_snapshot;
    f.subscribed(f.staff_token("speaker"), pre_session, &speaker_snapshot);
    CHECK(author_in(std::vector<json>{speaker_snapshot}, named["id"]) == expected);
    auto speaker_resumed = f.connect(f.staff_token("speaker"));
    speaker_resumed->send({{"type", "subscribe"}, {"session", pre_session}, {"since", 1}});
    const auto replayed = drain(*speaker_resumed);
    CHECK(std::any_of(replayed.begin(), replayed.end(), [](const json& m) { return m["type"] == "subscribed" && m["resumed"] == true; }));
    CHECK(author_in(replayed, named["id"]) == expected);

    const auto listed = http_get(f.port(), std::string("/api/v1/sessions/") + pre_session + "/questions",
                                 {{"Authorization", "Bearer " + kazan["token"].get<std::string>()}});
    REQUIRE(listed.status == 200);
    reader_frames.push_back(listed.json());
    // The replay's timeline is as participants saw it.
    const auto timeline = http_get(f.port(), std::string("/api/v1/sessions/") + pre_session + "/timeline.json");
    REQUIRE(timeline.status == 200);
    CHECK(timeline.body.find("Как получить грант?") != std::string::npos);
    reader_frames.push_back(timeline.json());
    for (const auto& m : reader_frames) CHECK_FALSE(names_affiliation(m));
}

TEST_CASE("the regional picture over HTTP, kept across a restart") {
    forum_fixture f;
    std::vector<std::unique_ptr<ws_client>> people;
    for (int i = 0; i < 3; ++i)
        people.push_back(f.subscribed(delegate_token(f, "Делегат", "Район " + std::to_string(i), "Тверская область"),
                                      post_session));
    for (int i = 0; i < 2; ++i) {
        const auto joined = http_post(f.port(), "/api/v1/join", json{{"region", "Москва"}}.dump()).json();
        people.push_back(f.subscribed(joined["token"], post_session));
    }
    people.push_back(f.subscribed(f.join("Без региона")["token"], post_session));
    people.push_back(f.subscribed(f.staff_token("moderator"), post_session));  // staff are not the audience
    REQUIRE(people[0]->request({{"type", "ask"}, {"session", post_session}, {"text", "Первый вопрос"}})["type"] == "ack");
    REQUIRE(people[0]->request({{"type", "ask"}, {"session", post_session}, {"text", "Второй вопрос"}})["type"] == "ack");
    REQUIRE(people[3]->request({{"type", "ask"}, {"session", post_session}, {"text", "Из Москвы"}})["type"] == "ack");

    const auto stats_of = [&](const std::string& token, const std::string& session = post_session) {
        return http_get(f.port(), "/api/v1/sessions/" + session + "/stats", {{"Authorization", "Bearer " + token}});
    };
    const json expected = {
        {"participants", 6},
        {"askers", 2},
        {"questions", 3},
        {"regions",
         {{{"region", "Тверская область"}, {"participants", 3}, {"askers", 1}, {"questions", 2}},
          {{"region", "Москва"}, {"participants", 2}, {"askers", 1}, {"questions", 1}},
          {{"region", nullptr}, {"participants", 1}, {"askers", 0}, {"questions", 0}}}}};
    for (const auto* role : {"speaker", "moderator", "admin"}) {
        const auto r = stats_of(f.staff_token(role));
        REQUIRE(r.status == 200);
        CHECK(r.json() == expected);
        CHECK(r.header("cache-control").find("no-store") != std::string::npos);
    }
    CHECK(stats_of(f.join()["token"]).status == 403);
    CHECK(stats_of(f.staff_token("captioner")).status == 403);
    CHECK(stats_of(f.staff_token("speaker", pre_session)).status == 403);  // a token for another session
    CHECK(stats_of("not-a-token").status == 401);
    CHECK(http_get(f.port(), std::string("/api/v1/sessions/") + post_session + "/stats").status == 401);
    CHECK(stats_of(f.staff_token("moderator"), "no-such-session").status == 404);

    // The moderator's export says where each author comes from.
    const auto csv = http_get(f.port(), std::string("/api/v1/sessions/") + post_session + "/questions.csv",
                              {{"Authorization", "Bearer " + f.staff_token("moderator")}});
    REQUIRE(csv.status == 200);
    CHECK(csv.body.find(",edited,author_org,author_region,author_verified,merged_into,reply,reply_by\r\n") != std::string::npos);
    CHECK(csv.body.find(",Район 0,Тверская область,true,,,\r\n") != std::string::npos);
    CHECK(csv.body.find(",,Москва,false,,,\r\n") != std::string::npos);

    // Who took part survives a crash: the picture is of the whole day.
    people.clear();
    f.restart_after(SIGKILL);
    const auto after = stats_of(f.staff_token("moderator"));
    REQUIRE(after.status == 200);
    CHECK(after.json() == expected);
}

TEST_CASE("join refuses hostile org and region with a clear error and counts it") {
    forum_fixture f;
    const auto join = [&](const json& body) { return http_post(f.port(), "/api/v1/join", body.dump()); };
    const auto too_long = join({{"org", std::string(201, 'x')}});
    CHECK(too_long.status == 400);
    CHECK(too_long.json()["error"] == "too_long");
    CHECK(too_long.json()["message"].get<std::string>().find("\"org\"") != std::string::npos);
    std::string cyrillic_200;
    for (int i = 0; i < 200; ++i) cyrillic_200 += "ж";
    CHECK(join({{"org", cyrillic_200}}).status == 200);  // 200 code points, 400 bytes

    const auto unknown = join({{"region", "Нарния"}});
    CHECK(unknown.status == 400);
    CHECK(unknown.json()["error"] == "bad_request");
    CHECK(unknown.json()["message"].get<std::string>().find("\"region\"") != std::string::npos);
    CHECK(unknown.body.find("Нарния") == std::string::npos);
    CHECK(join({{"region", 42}}).status == 400);
    CHECK(join({{"org", json::array()}}).status == 400);
    CHECK(join({{"region", std::string(300, 'x')}}).json()["error"] == "too_long");

    // Control and invisible characters are dropped, not refused; a region is spelt as the list spells it.
    const auto odd = join({{"org", "\x01Бежецкий\u202e округ\x7f"}, {"region", "  САНКТ—ПЕТЕРБУРГ \t"}});
    REQUIRE(odd.status == 200);
    CHECK(odd.json()["participant"]["org"] == "Бежецкий округ");
    CHECK(odd.json()["participant"]["region"] == "Санкт-Петербург");

    const auto regions = http_get(f.port(), "/api/v1/regions");
    REQUIRE(regions.status == 200);
    CHECK(regions.json()["regions"].size() == 89);

    CHECK(metric(f.port(), "veche_joins_refused_total{reason=\"unknown_region\"}") == 1);
    CHECK(metric(f.port(), "veche_joins_refused_total{reason=\"too_long\"}") == 2);
    CHECK(metric(f.port(), "veche_joins_refused_total{reason=\"bad_request\"}") == 2);
    CHECK(metric(f.port(), "veche_joins_total") == 2);
    // Nothing anyone typed into org or region reaches the log.
    CHECK(f.server->output().find("Бежецкий") == std::string::npos);
    CHECK(f.server->output().find("Нарния") == std::string::npos);
}

TEST_CASE("veche token refuses an unknown region and an overlong org with exit code 2") {
    forum_fixture f;
    auto unknown = run_veche({"token", "--config", f.config_path, "--role", "participant", "--region", "Нарния"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("--region") != std::string::npos);
    CHECK(unknown.out.empty());
    auto overlong = run_veche({"token", "--config", f.config_path, "--role", "participant", "--org", std::string(201, 'x')});
    CHECK(overlong.exit_code == 2);
    CHECK(overlong.err.find("--org") != std::string::npos);
    // A config's own list replaces the default.
    auto config = f.config;
    config["regions"] = {"Минская область"};
    const auto own = write_config(f.dir, config, "own-regions.json");
    CHECK(run_veche({"token", "--config", own, "--role", "participant", "--region", "минская область"}).exit_code == 0);
    CHECK(run_veche({"token", "--config", own, "--role", "participant", "--region", "Москва"}).exit_code == 2);
}
