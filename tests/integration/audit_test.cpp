// The audit trail over the real server (contract 7.3): what moderators,
// admins and delegates did, exported as audit.csv in order, kept across a
// SIGKILL; who may read it; formal polls with a verified and a self-declared
// delegate.
#include "forum_fixture.hpp"
#include "raw_http.hpp"
#include "server_metrics.hpp"

#include <catch2/catch.hpp>
#include <csignal>

using namespace veche::test;
using json = nlohmann::json;

namespace {

using csv_row = std::vector<std::string>;

// RFC 4180: quoted cells may hold commas, doubled quotes and line ends.
std::vector<csv_row> parse_csv(std::string_view text) {
    std::vector<csv_row> rows(1);
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += text[++i];
            else if (c == '"') quoted = false;
            else cell += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(std::exchange(cell, {}));
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(std::exchange(cell, {}));
            rows.emplace_back();
            ++i;
        } else {
            cell += c;
        }
    }
    if (!rows.back().empty() || !cell.empty()) rows.back().push_back(cell);
    else rows.pop_back();
    return rows;
}

const csv_row header = {"time", "actor_id", "actor_name", "role", "action", "target_id", "text_before", "text_after",
                        "choices"};

http_reply audit_csv(forum_fixture& f, const std::string& token, const std::string& session = pre_session) {
    std::map<std::string, std::string> headers;
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    return http_get(f.port(), "/api/v1/sessions/" + session + "/audit.csv", headers);
}

// The rows of an export that must succeed, after checking its BOM, header and line ends.
std::vector<csv_row> audit_rows(forum_fixture& f, const std::string& token, const std::string& session = pre_session) {
    const auto reply = audit_csv(f, token, session);
    REQUIRE(reply.status == 200);
    CHECK(reply.header("content-type") == "text/csv; charset=utf-8");
    CHECK(reply.header("content-disposition") == "attachment; filename=\"audit-" + session + ".csv\"");
    CHECK(reply.header("cache-control") == "private, no-store");
    REQUIRE(reply.body.rfind("\xEF\xBB\xBF", 0) == 0);
    auto rows = parse_csv(std::string_view(reply.body).substr(3));
    REQUIRE_FALSE(rows.empty());
    CHECK(rows.front() == header);
    rows.erase(rows.begin());
    for (const auto& r : rows) CHECK(r.size() == header.size());
    return rows;
}

// (action, target) of every row, for comparing the order.
std::vector<std::pair<std::string, std::string>> actions_of(const std::vector<csv_row>& rows) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& r : rows) out.emplace_back(r.at(4), r.at(5));
    return out;
}

std::string delegate_token(forum_fixture& f, const std::string& name, const std::string& org, const std::string& region) {
    auto r = run_veche({"token", "--config", f.config_path, "--role", "participant", "--name", name, "--org", org,
                        "--region", region});
    REQUIRE(r.exit_code == 0);
    return r.out.substr(0, r.out.find('\n'));
}

}  // namespace

TEST_CASE("audit.csv: every moderation action, session and poll control in order, with edits' texts, after kill -9") {
    forum_fixture f;
    const auto mod_token = f.staff_token("moderator");
    auto mod = f.subscribed(mod_token, pre_session);
    auto speaker = f.subscribed(f.staff_token("speaker"), pre_session);
    auto anna = f.subscribed(f.join("Анна")["token"], pre_session);
    const std::string q1 = anna->request({{"type", "ask"}, {"session", pre_session}, {"text", "Как получть грант?"}})["id"];
    const std::string q2 = anna->request({{"type", "ask"}, {"session", pre_session}, {"text", "=1+1 вопрос"}})["id"];
    const auto moderate = [&](ws_client& c, const std::string& id, const std::string& action, const std::string& text = "") {
        json m = {{"type", "moderate"}, {"question", id}, {"action", action}};
        if (!text.empty()) m["text"] = text;
        const auto reply = c.request(m);
        REQUIRE(reply["type"] == "ack");
    };
    moderate(*mod, q1, "edit", "Как получить грант на благоустройство?");
    moderate(*mod, q1, "approve");
    moderate(*mod, q1, "approve");  // changes nothing: no row
    moderate(*mod, q1, "highlight");
    moderate(*speaker, q1, "answer");
    moderate(*mod, q2, "reject");
    REQUIRE(mod->request({{"type", "session_control"}, {"session", pre_session}, {"action", "live"}})["type"] == "ack");
    const std::string poll = mod->request({{"type", "poll_create"}, {"session", pre_session}, {"question", "Куда дальше?"},
                                           {"options", {"Казань", "Томск"}}})["id"];
    REQUIRE(mod->request({{"type", "poll_control"}, {"poll", poll}, {"action", "open"}})["type"] == "ack");
    REQUIRE(anna->request({{"type", "poll_vote"}, {"poll", poll}, {"choices", {1}}}).value("type", "") != "error");
    REQUIRE(mod->request({{"type", "poll_control"}, {"poll", poll}, {"action", "close"}})["type"] == "ack");

    const std::vector<std::pair<std::string, std::string>> expected = {
        {"moderate.edit", q1},         {"moderate.approve", q1},   {"moderate.highlight", q1},
        {"moderate.answer", q1},       {"moderate.reject", q2},    {"session_control.live", pre_session},
        {"poll_create", poll},         {"poll_control.open", poll}, {"poll_control.close", poll}};
    const auto rows = audit_rows(f, mod_token);
    REQUIRE(actions_of(rows) == expected);
    const auto& edit = rows[0];
    CHECK(edit[3] == "moderator");
    CHECK(edit[6] == "Как получть грант?");
    CHECK(edit[7] == "Как получить грант на благоустройство?");
    CHECK(rows[3][3] == "speaker");
    CHECK(rows[6][7] == "Куда дальше?");
    CHECK(rows[6][8] == "1. Казань; 2. Томск");
    CHECK(rows[8][8] == "1. Казань: 0; 2. Томск: 1");
    // UTC, ISO 8601 with milliseconds, never going back.
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CHECK(rows[i][0].size() == 24);
        CHECK(rows[i][0].back() == 'Z');
        if (i > 0) CHECK(rows[i - 1][0] <= rows[i][0]);
    }
    CHECK(metric(f.port(), "veche_store_audit_entries_total") == expected.size());

    // The last action is acknowledged, then the server is killed at once: its row is there after the restart.
    moderate(*mod, q2, "edit", "Вопрос после правки");
    f.restart_after(SIGKILL);
    const auto after = audit_rows(f, f.staff_token("admin"));
    REQUIRE(after.size() == expected.size() + 1);
    CHECK(std::vector<csv_row>(after.begin(), after.end() - 1) == rows);
    CHECK(after.back()[4] == "moderate.edit");
    CHECK(after.back()[6] == "'=1+1 вопрос");  // a formula is written as text
    CHECK(after.back()[7] == "Вопрос после правки");
    // Every session has its own trail.
    CHECK(audit_rows(f, mod_token, post_session).empty());
}

TEST_CASE("audit.csv: moderators and admins only, of an event's session, hostile ids are refused") {
    forum_fixture f;
    const auto other_scope = f.staff_token("moderator", post_session);
    CHECK(audit_csv(f, "").status == 401);
    CHECK(audit_csv(f, "not-a-token").status == 401);
    CHECK(audit_csv(f, f.join("Анна")["token"]).status == 403);
    for (const auto* role : {"speaker", "captioner"}) {
        INFO(role);
        CHECK(audit_csv(f, f.staff_token(role)).status == 403);
    }
    CHECK(audit_csv(f, other_scope).status == 403);
    CHECK(audit_csv(f, other_scope, post_session).status == 200);
    CHECK(audit_csv(f, f.staff_token("admin")).status == 200);
    CHECK(audit_csv(f, f.staff_token("moderator"), "no-such-session").status == 404);

    const auto mod = f.staff_token("moderator");
    for (const auto& id : std::vector<std::string>{"..%2f..%2fveche.db", "%2e%2e", "s%00x", std::string(5000, 'a'), "x\"y", "%ff%fe"}) {
        INFO(id);
        const auto reply = audit_csv(f, mod, id);
        CHECK((reply.status == 400 || reply.status == 404));
        CHECK(reply.header("content-disposition").empty());
    }
    const auto injected =
        raw_http(f.port(), "GET /api/v1/sessions/x%0d%0aSet-Cookie:%20a=b/audit.csv HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           "Authorization: Bearer " + mod + "\r\nConnection: close\r\n\r\n");
    CHECK(injected.status() == 400);
    CHECK(injected.bytes.find("Set-Cookie") == std::string::npos);
}

TEST_CASE("a formal poll: verified delegates vote once, for good, self-declared ones are told why not") {
    forum_fixture f;
    const auto mod_token = f.staff_token("moderator");
    auto mod = f.subscribed(mod_token, post_session);
    const auto tver_token = delegate_token(f, "Ирина Волкова", "Бежецкий муниципальный округ", "Тверская область");
    auto tver = f.subscribed(tver_token, post_session);
    const auto joined = http_post(f.port(), "/api/v1/join",
                                  json{{"name", "Ильдар"}, {"org", "Елабуга"}, {"region", "Татарстан"}}.dump()).json();
    auto self_declared = f.subscribed(joined["token"], post_session);

    const auto created = mod->request({{"type", "poll_create"}, {"session", post_session}, {"question", "Принять резолюцию?"},
                                       {"options", {"За", "Против"}}, {"formal", true}});
    REQUIRE(created["type"] == "ack");
    const std::string poll = created["id"];
    REQUIRE(mod->request({{"type", "poll_control"}, {"poll", poll}, {"action", "open"}})["poll"]["formal"] == true);
    // Everyone learns that it is formal.
    const auto seen = tver->wait_for([&](const json& m) { return is_event(m, "poll") && m["data"]["state"] == "open"; });
    REQUIRE(seen);
    CHECK((*seen)["data"]["formal"] == true);

    const auto refused = self_declared->request({{"type", "poll_vote"}, {"poll", poll}, {"choices", {1}}});
    CHECK(refused["type"] == "error");
    CHECK(refused["code"] == "forbidden");
    CHECK(refused["message"].get<std::string>().find("verified") != std::string::npos);
    CHECK(mod->request({{"type", "poll_vote"}, {"poll", poll}, {"choices", {1}}})["code"] == "forbidden");

    CHECK(tver->request({{"type", "poll_vote"}, {"poll", poll}, {"choices", {0}}})["type"] == "ack");
    const auto again = tver->request({{"type", "poll_vote"}, {"poll", poll}, {"choices", {1}}});
    CHECK(again["type"] == "error");
    CHECK(again["code"] == "conflict");
    const auto closed = mod->request({{"type", "poll_control"}, {"poll", poll}, {"action", "close"}});
    CHECK(closed["poll"]["options"][0]["votes"] == 1);
    CHECK(closed["poll"]["voters"] == 1);
    CHECK(mod->request({{"type", "poll_control"}, {"poll", poll}, {"action", "open"}})["code"] == "conflict");

    // Who voted how: in the admin's export only; the moderator's has the result.
    const auto admin_rows = audit_rows(f, f.staff_token("admin"), post_session);
    REQUIRE(actions_of(admin_rows) == std::vector<std::pair<std::string, std::string>>{
                                          {"poll_create.formal", poll}, {"poll_control.open", poll},
                                          {"poll_vote", poll}, {"poll_control.close", poll}});
    const auto& ballot = admin_rows[2];
    CHECK(ballot[2] == "Ирина Волкова");
    CHECK(ballot[3] == "participant");
    CHECK(ballot[8] == "1. За");
    const auto welcome = std::find_if(tver->seen().begin(), tver->seen().end(),
                                      [](const json& m) { return m["type"] == "welcome"; });
    REQUIRE(welcome != tver->seen().end());
    CHECK(ballot[1] == (*welcome)["you"]["id"]);  // the delegate's id, from the token
    const auto mod_rows = audit_rows(f, mod_token, post_session);
    CHECK(actions_of(mod_rows) == std::vector<std::pair<std::string, std::string>>{
                                      {"poll_create.formal", poll}, {"poll_control.open", poll},
                                      {"poll_control.close", poll}});
    CHECK(mod_rows.back()[8] == "1. За: 1; 2. Против: 0");

    // And after a restart the poll is still formal and final.
    f.restart_after(SIGTERM);
    auto back = f.subscribed(tver_token, post_session);
    // A new rid: this client's first one is the delegate's first ballot's, which the server remembers.
    CHECK(back->request({{"type", "poll_vote"}, {"poll", poll}, {"choices", {1}}, {"rid", "late"}})["code"] == "closed");
    json snapshot;
    f.subscribed(mod_token, post_session, &snapshot);
    CHECK(snapshot["polls"][0]["formal"] == true);
    CHECK(snapshot["polls"][0]["state"] == "closed");
}
