// The HTTP surface against a hostile client: each test is one row of the
// "Security" table in docs/reliability.md. Requests that no client library
// would send go over a plain socket (raw_http.hpp).
#include "forum_fixture.hpp"
#include "raw_http.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <sys/stat.h>

using namespace veche::test;
using nlohmann::json;

namespace {

const std::string host = "Host: 127.0.0.1\r\n";

// One request that must be refused with 400 as a whole: no second response
// (nothing inside it was taken for a request of its own) and the connection closed,
// as the answer says (a proxy must not send its next request into the closed socket).
void check_refused_whole(std::uint16_t port, const std::string& request, int status = 400) {
    INFO(request);
    const auto reply = raw_http(port, request);
    CHECK(reply.statuses() == std::vector<int>{status});
    CHECK(reply.bytes.find("smuggled") == std::string::npos);
    CHECK(reply.bytes.find("\r\nConnection: close\r\n") != std::string::npos);
}

}  // namespace

TEST_CASE("request smuggling: conflicting or ambiguous framing is refused and the connection closed") {
    forum_fixture forum;
    const auto port = forum.port();
    const std::string smuggled = "GET /api/v1/sessions/smuggled HTTP/1.1\r\n" + host + "\r\n";
    const std::string chunked_body = "0\r\n\r\n" + smuggled;
    const std::string post = "POST /api/v1/join HTTP/1.1\r\n" + host;

    // Content-Length and Transfer-Encoding together, in either order.
    check_refused_whole(port, post + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked_body);
    check_refused_whole(port, post + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n" + chunked_body);
    // Two different Content-Lengths, in two fields or one list.
    check_refused_whole(port, post + "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}" + smuggled);
    check_refused_whole(port, post + "Content-Length: 2, 40\r\n\r\n{}" + smuggled);
    check_refused_whole(port, post + "Content-Length: +2\r\n\r\n{}" + smuggled);
    // A Transfer-Encoding that does not end with chunked, repeated, or in HTTP/1.0.
    check_refused_whole(port, post + "Transfer-Encoding: gzip\r\n\r\n" + smuggled);
    check_refused_whole(port, post + "Transfer-Encoding: chunked, identity\r\n\r\n" + chunked_body);
    check_refused_whole(port, post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked_body);
    check_refused_whole(port, post + "Transfer-Encoding: xchunked\r\n\r\n" + chunked_body);
    check_refused_whole(port, "POST /api/v1/join HTTP/1.0\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n" +
                                  chunked_body);
    // A folded header line (obs-fold), also one that would hide a framing header.
    check_refused_whole(port, "GET /healthz HTTP/1.1\r\n" + host + "X-A: 1\r\n 2\r\n\r\n" + smuggled);
    check_refused_whole(port, post + "Content-Length: 0\r\n\t40\r\n\r\n" + smuggled);
    check_refused_whole(port, post + "X-A: 1\r\n Transfer-Encoding: chunked\r\n\r\n" + chunked_body);
    // Line endings other than CRLF.
    check_refused_whole(port, "GET /healthz HTTP/1.1\nHost: 127.0.0.1\n\n" + smuggled);
    check_refused_whole(port, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\n\r\n" + smuggled);

    // The same Content-Length twice is one length: one answer, no second request read from the body.
    const auto same = raw_http(port, post + "Content-Length: 2\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    CHECK(same.statuses() == std::vector<int>{200});
    // Well-framed requests on one connection are each answered, in order.
    const auto pipelined = raw_http(port, "GET /healthz HTTP/1.1\r\n" + host + "\r\nGET /api/v1/nothing HTTP/1.1\r\n" +
                                              host + "Connection: close\r\n\r\n");
    CHECK(pipelined.statuses() == std::vector<int>{200, 404});
    const auto chunked = raw_http(port, post + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
    CHECK(chunked.statuses() == std::vector<int>{200});
    CHECK(http_get(port, "/healthz").status == 200);
}

TEST_CASE("oversized and malformed request lines and headers are refused") {
    forum_fixture forum([](json& cfg) { cfg["http"]["header_bytes"] = 4096; });
    const auto port = forum.port();
    check_refused_whole(port, "GET /" + std::string(5000, 'a') + " HTTP/1.1\r\n" + host + "\r\n", 431);
    check_refused_whole(port, "GET / HTTP/1.1\r\n" + host + "X-Big: " + std::string(5000, 'b') + "\r\n\r\n", 431);
    std::string many;
    for (int i = 0; i < 800; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
    check_refused_whole(port, "GET / HTTP/1.1\r\n" + host + many + "\r\n", 431);
    for (const auto& bad : {std::string("GARBAGE\r\n\r\n"), std::string("GET  / HTTP/1.1\r\n") + host + "\r\n",
                            std::string("GET / HTTP/1.1 extra\r\n") + host + "\r\n",
                            std::string("GET / HTTX/1.1\r\n") + host + "\r\n",
                            std::string("GET / HTTP/1.1\r\nNo colon here\r\n") + host + "\r\n",
                            std::string("GET / HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n"),
                            std::string("GET / HTTP/1.1\r\n") + host + std::string("X-Nul: a\0b\r\n\r\n", 14),
                            std::string("GET / HTTP/1.1\r\n") + host + "X-Bell: a\x07z\r\n\r\n",
                            std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n")})
        check_refused_whole(port, bad);
    check_refused_whole(port, "GET / HTTP/2.0\r\n" + host + "\r\n");
    check_refused_whole(port, "GET / HTTP/0.9\r\n" + host + "\r\n");
    CHECK(http_get(port, "/healthz").status == 200);
}

TEST_CASE("a keep-alive request refused for its Origin or its upgrade target says the connection closes") {
    forum_fixture forum;
    const auto port = forum.port();
    const std::string next = "GET /healthz HTTP/1.1\r\n" + host + "\r\n";
    // Keep-alive (HTTP/1.1 without Connection: close), with a second request behind it that is never read.
    check_refused_whole(port,
                        "POST /api/v1/join HTTP/1.1\r\n" + host +
                            "Origin: https://evil.example\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}" +
                            next,
                        403);
    check_refused_whole(port,
                        "GET /not-ws HTTP/1.1\r\n" + host +
                            "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n" +
                            next,
                        404);
}

TEST_CASE("methods a resource does not take are answered 405 with Allow") {
    forum_fixture forum;
    const auto port = forum.port();
    for (const auto* method : {"POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS", "BREW"}) {
        INFO(method);
        const auto page = raw_http(port, raw_get("/", method));
        CHECK(page.status() == 405);
        CHECK(page.bytes.find("Allow: GET, HEAD\r\n") != std::string::npos);
        const auto api = raw_http(port, raw_get("/api/v1/event", method));
        CHECK(api.status() == 405);
        CHECK(api.bytes.find("Allow: GET, HEAD\r\n") != std::string::npos);
    }
    const auto join = http_request(port, boost::beast::http::verb::get, "/api/v1/join");
    CHECK(join.status == 405);
    CHECK(join.header("allow") == "POST");
    // CONNECT's authority-form target names no resource here.
    check_refused_whole(port, "CONNECT 127.0.0.1:22 HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
}

TEST_CASE("a request needs exactly one Host header") {
    forum_fixture forum;
    const auto port = forum.port();
    check_refused_whole(port, "GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n");
    check_refused_whole(port, "GET /healthz HTTP/1.1\r\n" + host + host + "Connection: close\r\n\r\n");
    check_refused_whole(port, "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n");
    // HTTP/1.0 may leave it out.
    CHECK(raw_http(port, "GET /healthz HTTP/1.0\r\n\r\n").status() == 200);
}

TEST_CASE("CORS: the API answers no other origin, HLS only the configured ones") {
    forum_fixture forum([](json& cfg) { cfg["auth"]["allowed_origins"] = {"https://portal.example.ru"}; });
    const auto port = forum.port();
    for (const auto* origin : {"https://portal.example.ru", "https://evil.example"}) {
        INFO(origin);
        const auto event = http_get(port, "/api/v1/event", {{"Origin", origin}});
        CHECK(event.status == 200);
        CHECK(event.header("access-control-allow-origin").empty());
        const auto preflight = http_request(port, boost::beast::http::verb::options, "/api/v1/join",
                                            {{"Origin", origin}, {"Access-Control-Request-Method", "POST"}});
        CHECK(preflight.status == 405);
        CHECK(preflight.header("access-control-allow-origin").empty());
    }
    const auto listed = http_request(port, boost::beast::http::verb::options, "/hls/main/index.m3u8",
                                     {{"Origin", "https://portal.example.ru"}});
    CHECK(listed.status == 204);
    CHECK(listed.header("access-control-allow-origin") == "https://portal.example.ru");
    CHECK(listed.header("vary") == "Origin");
    const auto foreign = http_request(port, boost::beast::http::verb::options, "/hls/main/index.m3u8",
                                      {{"Origin", "https://evil.example"}});
    CHECK(foreign.header("access-control-allow-origin").empty());
}

TEST_CASE("nothing a user controls reaches a response header or a spreadsheet formula") {
    forum_fixture forum;
    const auto port = forum.port();
    const auto moderator = forum.staff_token("moderator");
    const std::map<std::string, std::string> auth{{"Authorization", "Bearer " + moderator}};
    // The file name of the CSV is built from a session id that must exist.
    const auto injected = raw_http(port, "GET /api/v1/sessions/x%0d%0aSet-Cookie:%20a=b/questions.csv HTTP/1.1\r\n" +
                                             host + "Authorization: Bearer " + moderator + "\r\nConnection: close\r\n\r\n");
    CHECK(injected.status() == 400);
    CHECK(injected.bytes.find("Set-Cookie") == std::string::npos);
    const auto quoted = http_get(port, std::string("/api/v1/sessions/x\"y/questions.csv"), auth);
    CHECK(quoted.status == 400);
    CHECK(quoted.header("content-disposition").empty());

    // Names and texts that a spreadsheet would run are written as text.
    const auto who = forum.join("=HYPERLINK(\"https://evil.example\")\r\nX-Injected: 1");
    auto client = forum.connect(who["token"].get<std::string>());
    const auto ack = client->request(
        {{"type", "ask"}, {"session", post_session}, {"text", "+cmd|'/C calc'!A0"}, {"anonymous", false}});
    REQUIRE(ack["type"] == "ack");
    const auto csv = http_get(port, std::string("/api/v1/sessions/") + post_session + "/questions.csv", auth);
    REQUIRE(csv.status == 200);
    CHECK(csv.header("content-disposition") == std::string("attachment; filename=\"questions-") + post_session +
                                                   ".csv\"");
    CHECK(csv.body.find("\"'=HYPERLINK(\"\"https://evil.example\"\") X-Injected: 1\"") != std::string::npos);
    CHECK(csv.body.find(",'+cmd|'/C calc'!A0,") != std::string::npos);
    CHECK(csv.header("x-injected").empty());
}

TEST_CASE("answers that depend on a token are never stored by a browser or a proxy") {
    forum_fixture forum;
    const auto port = forum.port();
    const auto joined = http_post(port, "/api/v1/join", R"({"name":"Анна"})");
    CHECK(joined.status == 200);
    CHECK(joined.header("cache-control") == "private, no-store");
    const auto token = joined.json()["token"].get<std::string>();
    const std::map<std::string, std::string> auth{{"Authorization", "Bearer " + token}};
    const auto moderator = std::map<std::string, std::string>{{"Authorization", "Bearer " + forum.staff_token("moderator")}};
    const auto captioner = std::map<std::string, std::string>{{"Authorization", "Bearer " + forum.staff_token("captioner")}};
    const std::string base = std::string("/api/v1/sessions/") + post_session;
    const std::vector<std::pair<std::string, http_reply>> answers{
        {"questions", http_get(port, base + "/questions", auth)},
        {"questions.csv", http_get(port, base + "/questions.csv", moderator)},
        {"csv refused", http_get(port, base + "/questions.csv", auth)},
        {"no token", http_get(port, base + "/questions")},
        {"transcript", http_post(port, base + "/transcript", R"({"id":"l1","text":"Добрый день","final":true})",
                                 captioner)},
    };
    for (const auto& [what, reply] : answers) {
        INFO(what << " " << reply.status);
        CHECK(reply.header("cache-control") == "private, no-store");
    }
    CHECK(answers[0].second.status == 200);
    CHECK(answers[1].second.status == 200);
    CHECK(answers[2].second.status == 403);
    CHECK(answers[3].second.status == 401);
    CHECK(answers[4].second.status == 200);
}

TEST_CASE("error answers are fixed JSON that never carry the request back") {
    forum_fixture forum;
    const auto port = forum.port();
    for (const auto* target : {"/api/v1/sessions/%3Cimg%20src=x%20onerror=alert(1)%3E",
                               "/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/%3Cscript%3Ealert(1)%3C%2Fscript.js",
                               "/api/v1/%22%3E%3Csvg%20onload=alert(1)%3E", "/api/v1/sessions/x/questions?%3Cb%3E"}) {
        INFO(target);
        const auto reply = raw_http(port, raw_get(target));
        CHECK((reply.status() == 400 || reply.status() == 404 || reply.status() == 401));
        CHECK(reply.bytes.find("Content-Type: application/json; charset=utf-8\r\n") != std::string::npos);
        for (const auto* echo : {"<img", "onerror", "<script", "<svg", "onload", "%3C", "<b>"})
            CHECK(reply.bytes.find(echo) == std::string::npos);
    }
}

TEST_CASE("the server warns when others can read the secret in its config file") {
    temp_dir dir;
    auto cfg = demo_config();
    for (auto& hall : cfg["event"]["halls"]) hall["source"] = "none";
    cfg["auth"]["secret"] = "a-secret-others-must-not-read";
    const auto config = write_config(dir, cfg);
    const auto serve = [&](const std::vector<std::string>& env = {}) {
        server_process server({"--config", config, "--data", (dir / "data").string()}, env);
        auto out = server.output();
        server.stop(SIGTERM);
        return out;
    };
    ::chmod(config.c_str(), 0644);
    const auto exposed = serve();
    CHECK_THAT(exposed, Catch::Contains("holds auth.secret and other users can read it (mode 0644)"));
    CHECK_THAT(exposed, !Catch::Contains("a-secret-others-must-not-read"));
    // Even when VECHE_SECRET wins, the secret in the file is still readable.
    CHECK_THAT(serve({"VECHE_SECRET=from-the-environment"}), Catch::Contains("other users can read it"));
    ::chmod(config.c_str(), 0600);
    CHECK_THAT(serve(), !Catch::Contains("other users can read it"));
    // Without a secret in the file there is nothing to warn about.
    cfg["auth"].erase("secret");
    const auto no_secret = write_config(dir, cfg, "no-secret.json");
    ::chmod(no_secret.c_str(), 0644);
    server_process server({"--config", no_secret, "--data", (dir / "data").string()}, {"VECHE_SECRET=x"});
    CHECK_THAT(server.output(), !Catch::Contains("other users can read it"));
}
