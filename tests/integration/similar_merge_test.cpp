// Similar questions, merges and written replies through the real server:
// what each person is told, and what survives a kill -9.
#include "forum_fixture.hpp"
#include "server_metrics.hpp"

#include <catch2/catch.hpp>
#include <csignal>

using namespace veche::test;
using nlohmann::json;

namespace {

// The ids a `similar` request answers with, best first. Its rid is new for the person even
// across a restart (a new connection's own rids start again, and the server remembers asks).
std::vector<std::string> similar_to(ws_client& c, const std::string& text) {
    static int sent = 0;
    const auto ack = c.request(
        {{"type", "similar"}, {"session", pre_session}, {"text", text}, {"rid", "similar-" + std::to_string(++sent)}});
    REQUIRE(ack["type"] == "ack");
    std::vector<std::string> ids;
    for (const auto& q : ack["questions"]) {
        CHECK(q["score"].get<double>() > 0.0);
        CHECK(q["score"].get<double>() <= 1.0);
        CHECK(q.contains("text"));
        CHECK(q.contains("votes"));
        ids.push_back(q["id"]);
    }
    return ids;
}

bool has(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::string asked(ws_client& c, const std::string& text) {
    const auto ack = c.request({{"type", "ask"}, {"session", pre_session}, {"text", text}});
    REQUIRE(ack["type"] == "ack");
    return ack["id"];
}

json moderated(ws_client& mod, const std::string& id, const std::string& action, const json& extra = json::object()) {
    json message = {{"type", "moderate"}, {"question", id}, {"action", action}};
    message.update(extra);
    return mod.request(message);
}

// A question as this client knows it from the messages it got so far.
json latest(const ws_client& c, const std::string& id) {
    json out;
    for (const auto& m : c.seen()) {
        if (m["type"] == "snapshot")
            for (const auto& q : m["questions"])
                if (q["id"] == id) out = q;
        if (is_event(m, "question") && m["data"]["id"] == id) out = m["data"];
    }
    return out;
}

const std::string grant_text = "Как получить грант на благоустройство?";
const std::string yard_text = "Как получить грант на благоустройство двора?";
const std::string anna_text = "Гранты на благоустройство дворов — как получить?";

}  // namespace

TEST_CASE("similar before and after a merge, nobody finds another person's incoming question") {
    forum_fixture forum;
    const auto mod_token = forum.staff_token("moderator", pre_session);
    auto mod = forum.subscribed(mod_token, pre_session);
    auto anna = forum.subscribed(forum.join("Анна")["token"], pre_session);
    auto boris = forum.subscribed(forum.join("Борис")["token"], pre_session);
    auto carol = forum.subscribed(forum.join("Карина")["token"], pre_session);

    const auto grant = asked(*boris, grant_text);
    REQUIRE(moderated(*mod, grant, "approve")["type"] == "ack");
    const auto yard = asked(*boris, yard_text);  // stays incoming for now
    const auto mine = asked(*anna, anna_text);

    // Moderators see the incoming question's best match in the queue; its author does not.
    auto hinted = mod->wait_for(question_event(mine, "pending"));
    REQUIRE(hinted);
    REQUIRE((*hinted)["data"].contains("similar_to"));
    CHECK((*hinted)["data"]["similar_to"]["id"] == grant);
    CHECK(anna->wait_for(question_event(mine, "pending")));

    // Anna finds the queue's question and her own; never Boris's incoming one.
    auto ids = similar_to(*anna, "как получить грант на благоустройство двора");
    CHECK(has(ids, grant));
    CHECK(has(ids, mine));
    CHECK_FALSE(has(ids, yard));
    CHECK_FALSE(has(similar_to(*carol, yard_text), yard));
    CHECK(has(similar_to(*mod, yard_text), yard));

    // Boris's question enters the queue: the hint moves to it, the closer match.
    REQUIRE(moderated(*mod, yard, "approve")["type"] == "ack");
    auto moved = mod->wait_for([&](const json& m) {
        return question_event(mine)(m) && m["data"].contains("similar_to") && m["data"]["similar_to"]["id"] == yard;
    });
    REQUIRE(moved);
    CHECK((*moved)["data"]["similar_to"]["score"].get<double>() >= 0.45);

    // Carol supports both; Anna's question folds into Boris's.
    for (const auto& id : {grant, yard}) REQUIRE(carol->request({{"type", "vote"}, {"question", id}, {"on", true}})["type"] == "ack");
    const auto merged = moderated(*mod, mine, "merge", {{"into", yard}});
    REQUIRE(merged["type"] == "ack");
    CHECK(merged["question"]["state"] == "merged");
    CHECK(merged["question"]["merged_into"] == yard);

    // The target: carol and anna (who asked the same), each once; it lists what was folded in.
    auto target = boris->wait_for([&](const json& m) { return question_event(yard)(m) && m["data"].contains("merged"); });
    REQUIRE(target);
    CHECK((*target)["data"]["merged"] == json::array({mine}));
    CHECK((*target)["data"]["votes"] == 2);
    // Anna still sees her question: merged, and into which.
    auto told = anna->wait_for(question_event(mine, "merged"));
    REQUIRE(told);
    CHECK((*told)["data"]["merged_into"] == yard);
    CHECK((*told)["data"]["text"] == anna_text);

    // Gone from every answer; the target stands for it.
    ids = similar_to(*mod, anna_text);
    CHECK_FALSE(has(ids, mine));
    CHECK(has(ids, yard));
    CHECK_FALSE(has(similar_to(*anna, anna_text), mine));

    // Refusals, with the reasons the protocol gives.
    CHECK(moderated(*mod, grant, "merge", {{"into", grant}})["code"] == "bad_request");
    CHECK(moderated(*mod, grant, "merge", {{"into", mine}})["code"] == "bad_request");
    CHECK(moderated(*mod, grant, "merge", {{"into", std::string(post_session) + ".1"}})["code"] == "bad_request");
    CHECK(moderated(*mod, mine, "merge", {{"into", grant}})["code"] == "conflict");
    CHECK(moderated(*mod, grant, "merge")["code"] == "bad_request");
    CHECK(anna->request({{"type", "similar"}, {"session", pre_session}, {"text", "   "}})["code"] == "bad_request");

    // Participants and speakers never get a message that holds a hint.
    const auto speaker = forum.subscribed(forum.staff_token("speaker"), pre_session);
    for (const auto* c : {anna.get(), boris.get(), carol.get(), speaker.get()})
        for (const auto& m : c->seen()) CHECK(m.dump().find("similar_to") == std::string::npos);

    // Operators see the requests, their time and the merge.
    CHECK(metric(forum.port(), "veche_similar_requests_total") == 6.0);
    CHECK(metric(forum.port(), "veche_similar_seconds_count") == 6.0);
    CHECK(metric(forum.port(), "veche_questions_merged_total") == 1.0);
}

TEST_CASE("written replies reach everyone who sees the question, moderators and speakers give them") {
    forum_fixture forum;
    auto mod = forum.subscribed(forum.staff_token("moderator", pre_session), pre_session);
    auto speaker = forum.subscribed(forum.staff_token("speaker", pre_session, "Наталья Лебедева"), pre_session);
    auto anna = forum.subscribed(forum.join("Анна")["token"], pre_session);
    auto boris = forum.subscribed(forum.join("Борис")["token"], pre_session);

    const auto id = asked(*anna, "Когда откроют приём заявок на гранты?");
    REQUIRE(moderated(*mod, id, "approve")["type"] == "ack");
    CHECK(moderated(*mod, id, "reply", {{"text", std::string(1001, 'x')}})["code"] == "too_long");
    CHECK(moderated(*boris, id, "reply", {{"text", "Я знаю!"}})["code"] == "forbidden");

    const auto by_speaker = moderated(*speaker, id, "reply", {{"text", "  В марте, на портале.  "}});
    REQUIRE(by_speaker["type"] == "ack");
    CHECK(by_speaker["question"]["reply"]["text"] == "В марте, на портале.");
    CHECK(by_speaker["question"]["reply"]["by"] == "Наталья Лебедева");
    auto seen = boris->wait_for([&](const json& m) { return question_event(id)(m) && m["data"].contains("reply"); });
    REQUIRE(seen);
    CHECK((*seen)["data"]["reply"]["text"] == "В марте, на портале.");
    CHECK((*seen)["data"]["reply"]["at_ms"].get<long long>() > 1'700'000'000'000);

    // Again: it replaces the first.
    REQUIRE(moderated(*mod, id, "reply", {{"text", "С 1 марта."}})["type"] == "ack");
    CHECK(anna->wait_for([&](const json& m) {
        return question_event(id)(m) && m["data"].contains("reply") && m["data"]["reply"]["text"] == "С 1 марта.";
    }));
    CHECK(metric(forum.port(), "veche_replies_total") == 2.0);
}

TEST_CASE("merges, hints and replies survive kill -9, in snapshots, replays and the CSV export") {
    forum_fixture forum;
    const auto mod_token = forum.staff_token("moderator", pre_session, "Ольга Модератор");
    const auto anna_token = forum.join("Анна")["token"].get<std::string>();
    auto mod = forum.subscribed(mod_token, pre_session);
    auto anna = forum.subscribed(anna_token, pre_session);

    const auto yard = asked(*mod, yard_text);
    REQUIRE(moderated(*mod, yard, "approve")["type"] == "ack");
    json before;
    forum.subscribed(mod_token, pre_session, &before);
    const auto mine = asked(*anna, anna_text);
    const auto incoming = asked(*anna, "Как получить грант на благоустройство двора в сельском поселении?");
    REQUIRE(moderated(*mod, mine, "merge", {{"into", yard}})["type"] == "ack");
    REQUIRE(moderated(*mod, yard, "reply", {{"text", "Заявки — с 1 марта."}})["type"] == "ack");
    REQUIRE(mod->wait_for([&](const json& m) { return question_event(yard)(m) && m["data"].contains("reply"); }));
    const auto hinted = latest(*mod, incoming);
    REQUIRE(hinted["similar_to"]["id"] == yard);

    // A moderator who was away resumes with `since` and ends with what a snapshot gives, hints included.
    {
        auto resumed = forum.connect(mod_token);
        resumed->send({{"type", "subscribe"}, {"session", pre_session}, {"since", before["seq"]}});
        REQUIRE(resumed->wait_for([](const json& m) { return m["type"] == "subscribed" && m["resumed"] == true; }));
        json snap;
        auto fresh = forum.subscribed(mod_token, pre_session, &snap);
        for (const auto& id : {yard, mine, incoming}) CHECK(latest(*resumed, id) == latest(*fresh, id));
        CHECK(latest(*resumed, mine)["merged_into"] == yard);
        CHECK(latest(*resumed, incoming) == hinted);
    }

    forum.restart_after(SIGKILL);
    auto again = forum.subscribed(mod_token, pre_session);
    const auto target = latest(*again, yard);
    CHECK(target["merged"] == json::array({mine}));
    CHECK(target["votes"] == 1);  // Anna, who asked the same
    CHECK(target["reply"]["text"] == "Заявки — с 1 марта.");
    CHECK(target["reply"]["by"] == "Ольга Модератор");
    CHECK(latest(*again, mine)["state"] == "merged");
    CHECK(latest(*again, mine)["merged_into"] == yard);
    CHECK(latest(*again, incoming) == hinted);  // the hint, as it was
    auto her = forum.subscribed(anna_token, pre_session);
    CHECK(latest(*her, mine)["merged_into"] == yard);
    CHECK(latest(*her, yard)["reply"]["text"] == "Заявки — с 1 марта.");
    const auto found = similar_to(*her, anna_text);
    CHECK(has(found, yard));
    CHECK_FALSE(has(found, mine));

    const auto csv = http_get(forum.port(), std::string("/api/v1/sessions/") + pre_session + "/questions.csv",
                              {{"Authorization", "Bearer " + mod_token}});
    REQUIRE(csv.status == 200);
    CHECK(csv.body.find(",merged_into,reply,reply_by\r\n") != std::string::npos);
    CHECK(csv.body.find(mine + ",merged,") != std::string::npos);
    CHECK(csv.body.find("," + yard + ",,\r\n") != std::string::npos);  // its merged_into, no reply
    CHECK(csv.body.find(",Заявки — с 1 марта.,Ольга Модератор\r\n") != std::string::npos);
}
