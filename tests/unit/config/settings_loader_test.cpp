#include "config/config_error.hpp"
#include "config/settings_loader.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <fstream>
#include <nlohmann/json.hpp>

using veche::config::config_error;
using veche::config::parse_settings;

namespace {

nlohmann::json minimal() {
    return nlohmann::json::parse(R"({
      "listen": "127.0.0.1:8080",
      "data_dir": "data",
      "auth": { "secret": "change-me", "join_code": null, "allowed_origins": ["http://localhost:8080"] },
      "event": {
        "id": "forum", "title": "Малая родина — сила России",
        "halls": [ { "id": "main", "name": "Главная сцена", "source": "test:" } ],
        "sessions": [ { "id": "s1", "hall": "main", "title": "Сила в людях", "kind": "panel",
                        "starts_at": "2026-01-15T10:00:00Z", "ends_at": "2026-01-15T11:30:00Z",
                        "speakers": [ { "name": "…", "title": "…" } ],
                        "moderation": "pre", "qa_open": true } ]
      }
    })");
}

// The fault's key and message for a config, or fails the test when it loads.
config_error fault_of(const nlohmann::json& cfg, std::optional<std::string> env = std::nullopt) {
    try {
        parse_settings(cfg.dump(), env);
    } catch (const config_error& e) {
        return e;
    }
    FAIL("the config was accepted");
    throw;
}

}  // namespace

TEST_CASE("the contract's example config loads with every field") {
    const auto s = parse_settings(minimal().dump(), std::nullopt);
    CHECK(s.listen.host == "127.0.0.1");
    CHECK(s.listen.port == 8080);
    CHECK(s.data_dir == "data");
    CHECK(s.auth.secret == "change-me");
    CHECK_FALSE(s.auth.join_code);
    REQUIRE(s.event.halls.size() == 1);
    CHECK(s.event.halls[0].source.kind == veche::core::source_kind::test);
    REQUIRE(s.event.sessions.size() == 1);
    const auto& session = s.event.sessions[0];
    CHECK(session.title == "Сила в людях");
    CHECK(session.starts_at == 1768471200000);
    CHECK(session.moderation == veche::core::moderation_mode::pre);
    CHECK(session.speakers.size() == 1);
    CHECK(s.limits.message_bytes == 16384);
    CHECK(s.limits.question_chars == 500);
    CHECK(s.limits.asks_per_minute == 5);
    CHECK(s.limits.send_queue_bytes == 1024 * 1024);
}

TEST_CASE("invalid JSON names the line and column") {
    const auto text = "{\n  \"listen\": \"127.0.0.1:8080\",\n  \"data_dir\": ,\n}";
    try {
        parse_settings(text, std::nullopt);
        FAIL("accepted");
    } catch (const config_error& e) {
        CHECK(e.key().empty());
        CHECK_THAT(e.fault(), Catch::Contains("invalid JSON at line 3"));
    }
}

TEST_CASE("a session in an unknown hall is refused") {
    auto cfg = minimal();
    cfg["event"]["sessions"][0]["hall"] = "nowhere";
    const auto e = fault_of(cfg);
    CHECK(e.key() == "event.sessions[0].hall");
    CHECK_THAT(e.fault(), Catch::Contains("unknown hall \"nowhere\""));
}

TEST_CASE("duplicate hall and session ids are refused") {
    auto cfg = minimal();
    cfg["event"]["halls"].push_back(cfg["event"]["halls"][0]);
    auto e = fault_of(cfg);
    CHECK(e.key() == "event.halls[1].id");
    CHECK_THAT(e.fault(), Catch::Contains("duplicate hall id \"main\""));

    cfg = minimal();
    cfg["event"]["sessions"].push_back(cfg["event"]["sessions"][0]);
    e = fault_of(cfg);
    CHECK(e.key() == "event.sessions[1].id");
    CHECK_THAT(e.fault(), Catch::Contains("duplicate session id \"s1\""));
}

TEST_CASE("bad source URIs are refused with the reason") {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"http://camera", "unsupported scheme"},
        {"srt://:99999", "bad port"},
        {"srt://:9000?passphrase=short", "passphrase"},
        {"srt://:9000?mode=listener", "unknown SRT parameter"},
        {"udp://239.0.0.1", "a port is required"},
        {"rtsp://", "a host is required"},
        {"camera", "not a source URI"},
    };
    for (const auto& [uri, why] : cases) {
        auto cfg = minimal();
        cfg["event"]["halls"][0]["source"] = uri;
        const auto e = fault_of(cfg);
        CHECK(e.key() == "event.halls[0].source");
        CHECK_THAT(e.fault(), Catch::Contains(why));
    }
}

TEST_CASE("two halls cannot listen on one port") {
    auto cfg = minimal();
    cfg["event"]["halls"][0]["source"] = "srt://:9000";
    cfg["event"]["halls"].push_back({{"id", "second"}, {"name", "Второй зал"}, {"source", "udp://:9000"}});
    const auto e = fault_of(cfg);
    CHECK(e.key() == "event.halls[1].source");
    CHECK_THAT(e.fault(), Catch::Contains("already taken by hall \"main\""));
}

TEST_CASE("a missing secret is refused unless VECHE_SECRET gives one") {
    auto cfg = minimal();
    cfg["auth"].erase("secret");
    const auto e = fault_of(cfg);
    CHECK(e.key() == "auth.secret");
    CHECK_THAT(e.fault(), Catch::Contains("VECHE_SECRET"));

    CHECK(parse_settings(cfg.dump(), std::string("from-the-environment")).auth.secret == "from-the-environment");
    cfg.erase("auth");
    CHECK(fault_of(cfg).key() == "auth.secret");
    CHECK(parse_settings(minimal().dump(), std::string("env-wins")).auth.secret == "env-wins");
}

TEST_CASE("unknown keys and wrong types name their key") {
    auto cfg = minimal();
    cfg["event"]["sessions"][0]["qa_opne"] = true;
    auto e = fault_of(cfg);
    CHECK(e.key() == "event.sessions[0].qa_opne");
    CHECK(e.fault() == "unknown key");

    cfg = minimal();
    cfg["event"]["sessions"][0]["qa_open"] = "yes";
    e = fault_of(cfg);
    CHECK(e.key() == "event.sessions[0].qa_open");
    CHECK_THAT(e.fault(), Catch::Contains("true or false"));

    cfg = minimal();
    cfg["limits"] = {{"question_chars", 0}};
    e = fault_of(cfg);
    CHECK(e.key() == "limits.question_chars");
    CHECK_THAT(e.fault(), Catch::Contains("between 1 and"));
}

TEST_CASE("session times, moderation and ids are checked") {
    auto cfg = minimal();
    cfg["event"]["sessions"][0]["starts_at"] = "15.01.2026 10:00";
    CHECK(fault_of(cfg).key() == "event.sessions[0].starts_at");

    cfg = minimal();
    cfg["event"]["sessions"][0]["ends_at"] = "2026-01-15T09:00:00Z";
    CHECK_THAT(fault_of(cfg).fault(), Catch::Contains("after starts_at"));

    cfg = minimal();
    cfg["event"]["sessions"][0]["moderation"] = "later";
    CHECK(fault_of(cfg).key() == "event.sessions[0].moderation");

    cfg = minimal();
    cfg["event"]["halls"][0]["id"] = "main hall/1";
    CHECK(fault_of(cfg).key() == "event.halls[0].id");
}

TEST_CASE("listen, origins and metrics ranges are checked") {
    auto cfg = minimal();
    cfg["listen"] = "8080";
    CHECK(fault_of(cfg).key() == "listen");

    cfg = minimal();
    cfg["auth"]["allowed_origins"] = {"localhost:8080"};
    CHECK(fault_of(cfg).key() == "auth.allowed_origins[0]");

    cfg = minimal();
    cfg["auth"]["allowed_origins"] = {"self", "https://forum.example.ru"};
    CHECK(parse_settings(cfg.dump(), std::nullopt).auth.allowed_origins.size() == 2);

    cfg = minimal();
    cfg["metrics"] = {{"allow_from", {"10.0.0.0/8", "::1", "300.1.1.1"}}};
    CHECK(fault_of(cfg).key() == "metrics.allow_from[2]");
}

TEST_CASE("trusted proxies and the public address are checked") {
    auto cfg = minimal();
    cfg["http"] = {{"trusted_proxies", {"127.0.0.1", "10.0.0.0/8", "fd00::/8"}},
                   {"public_url", "https://Forum.Example.ru/"}};
    const auto s = parse_settings(cfg.dump(), std::nullopt);
    CHECK(s.http.trusted_proxies.size() == 3);
    CHECK(s.http.trusted_proxies[1].to_string() == "10.0.0.0/8");
    CHECK(s.http.public_url == "https://forum.example.ru");

    cfg = minimal();
    cfg["http"] = {{"trusted_proxies", {"127.0.0.1", "10.0.0.1/8"}}};
    auto fault = fault_of(cfg);
    CHECK(fault.key() == "http.trusted_proxies[1]");
    CHECK_THAT(fault.fault(), Catch::Contains("\"10.0.0.1/8\" is not an IP address or CIDR range"));

    cfg = minimal();
    cfg["http"] = {{"trusted_proxies", "127.0.0.1"}};
    CHECK(fault_of(cfg).key() == "http.trusted_proxies");

    cfg = minimal();
    cfg["http"] = {{"public_url", "https://forum.example.ru/join"}};
    fault = fault_of(cfg);
    CHECK(fault.key() == "http.public_url");
    CHECK_THAT(fault.fault(), Catch::Contains("is not an address such as https://forum.example.ru"));
}

TEST_CASE("the regions: the 89 subjects unless the config lists others") {
    const auto s = parse_settings(minimal().dump(), std::nullopt);
    REQUIRE(s.regions.names().size() == 89);
    CHECK(s.regions.names().front() == "Республика Адыгея (Адыгея)");
    CHECK(s.regions.names().back() == "Ямало-Ненецкий автономный округ");
    CHECK(s.regions.find("Кузбасс") == "Кемеровская область — Кузбасс");
    CHECK(s.regions.find("санкт-петербург") == "Санкт-Петербург");

    auto cfg = minimal();
    cfg["regions"] = {"Минская область", " Гродненская область\t"};
    const auto listed = parse_settings(cfg.dump(), std::nullopt);
    CHECK(listed.regions.names() == std::vector<std::string>{"Минская область", "Гродненская область"});
    CHECK_FALSE(listed.regions.find("Тверская область"));

    veche::test::temp_dir dir;
    {
        std::ofstream file(dir / "regions.txt", std::ios::binary);
        file << "\xEF\xBB\xBF# our regions\r\nАлтайский край\r\n\r\nМосква\n";
    }
    cfg["regions"] = "regions.txt";
    CHECK(parse_settings(cfg.dump(), std::nullopt, dir.path()).regions.names() ==
          std::vector<std::string>{"Алтайский край", "Москва"});
}

TEST_CASE("a bad regions list names the key and the fault") {
    auto cfg = minimal();
    cfg["regions"] = nlohmann::json::array();
    CHECK(fault_of(cfg).key() == "regions");
    cfg["regions"] = {"Москва", "москва"};
    CHECK(fault_of(cfg).fault().find("twice") != std::string::npos);
    cfg["regions"] = {"Москва", 5};
    CHECK(fault_of(cfg).key() == "regions");
    cfg["regions"] = {"", "Москва"};
    CHECK(fault_of(cfg).key() == "regions");
    cfg["regions"] = "no-such-file.txt";
    CHECK(fault_of(cfg).fault().find("cannot read") != std::string::npos);
    cfg["regions"] = 7;
    CHECK(fault_of(cfg).key() == "regions");
}

TEST_CASE("the cluster section: the NATS servers, the node's id and the replicas, each checked") {
    auto cfg = minimal();
    CHECK_FALSE(parse_settings(cfg.dump(), std::nullopt).cluster);  // alone, on SQLite

    cfg["cluster"] = {{"nats", "nats://10.0.0.1:4222,nats://nats-2.example.ru:4222"}, {"node", "node-1"}, {"replicas", 3}};
    const auto c = parse_settings(cfg.dump(), std::nullopt).cluster;
    REQUIRE(c);
    CHECK(c->nats == std::vector<std::string>{"nats://10.0.0.1:4222", "nats://nats-2.example.ru:4222"});
    CHECK(c->node == "node-1");
    CHECK(c->replicas == 3);

    // Hostile or mistaken values: a node id that would break the NATS subjects, URLs with credentials,
    // paths, other schemes, empty entries, ports out of range; replicas other than 1 or 3.
    for (const auto& [key, value] : std::vector<std::pair<std::string, nlohmann::json>>{
             {"node", "a.b"},          {"node", "a*"},  {"node", "a>"},       {"node", ""},   {"node", "узел"},
             {"node", 7},              {"nats", ""},    {"nats", "nats://h"}, {"nats", "http://h:4222"},
             {"nats", "nats://u:p@h:4222"}, {"nats", "nats://h:4222/x"}, {"nats", "nats://h:4222,"},
             {"nats", "nats://h:0"},   {"nats", "nats://h:65536"}, {"nats", "nats://h:4222 "},
             {"replicas", 2},          {"replicas", 0}, {"replicas", 5},      {"replicas", "3"}}) {
        INFO(key << " = " << value.dump());
        auto bad = cfg;
        bad["cluster"][key] = value;
        CHECK(fault_of(bad).key() == "cluster." + key);
    }
    auto no_replicas = cfg;
    no_replicas["cluster"].erase("replicas");
    CHECK(fault_of(no_replicas).key() == "cluster.replicas");
    auto unknown = cfg;
    unknown["cluster"]["nodes"] = 3;
    CHECK(fault_of(unknown).key() == "cluster.nodes");
}

TEST_CASE("the cluster section: TLS to the NATS servers and a NATS user, each checked") {
    auto cfg = minimal();
    cfg["cluster"] = {{"nats", "tls://10.0.0.1:4222,nats://10.0.0.2:4222"}, {"node", "node-1"}, {"replicas", 3},
                      {"tls_ca", "/etc/veche/nats-ca.pem"}, {"tls_name", "nats.forum.internal"},
                      {"user", "veche"}, {"password_file", "/etc/veche/nats-password"}};
    const auto c = parse_settings(cfg.dump(), std::nullopt).cluster;
    REQUIRE(c);
    CHECK(c->nats == std::vector<std::string>{"tls://10.0.0.1:4222", "nats://10.0.0.2:4222"});
    CHECK(c->tls_ca == "/etc/veche/nats-ca.pem");
    CHECK(c->tls_name == "nats.forum.internal");
    CHECK(c->user == "veche");
    CHECK(c->password_file == "/etc/veche/nats-password");

    // Each fault names its key: a tls:// server without the CA to check it, a name without TLS, a user
    // without a password or the other way round, a user NATS could not read, empty or mistyped values.
    const auto fault = [&](const std::function<void(nlohmann::json&)>& change) {
        auto bad = cfg;
        change(bad["cluster"]);
        return fault_of(bad).key();
    };
    CHECK(fault([](auto& section) { section.erase("tls_ca"); }) == "cluster.tls_ca");
    CHECK(fault([](auto& section) { section.erase("tls_ca"); section["nats"] = "nats://h:4222"; }) == "cluster.tls_name");
    CHECK(fault([](auto& section) { section.erase("password_file"); }) == "cluster.password_file");
    CHECK(fault([](auto& section) { section.erase("user"); }) == "cluster.user");
    CHECK(fault([](auto& section) { section["user"] = "ve che"; }) == "cluster.user");
    CHECK(fault([](auto& section) { section["user"] = "veche\n"; }) == "cluster.user");
    for (const auto* key : {"tls_ca", "tls_name", "user", "password_file"}) {
        INFO(key);
        CHECK(fault([key](auto& section) { section[key] = ""; }) == std::string("cluster.") + key);
        CHECK(fault([key](auto& section) { section[key] = 7; }) == std::string("cluster.") + key);
    }
}
