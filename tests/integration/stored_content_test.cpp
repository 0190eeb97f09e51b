// What people type is stored and returned exactly as they wrote it: no HTML
// escaping anywhere in the API (the client escapes when it renders), only the
// hygiene docs/protocol.md describes (trim, NFC, control, bidi and
// zero-width characters stripped), the same in events, snapshots, the HTTP
// API, the CSV and after a restart.
#include "forum_fixture.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include <csignal>

using namespace veche::test;
using nlohmann::json;

namespace {

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

// Where a question's text can be read back: the question routes and a fresh snapshot.
void check_everywhere(forum_fixture& forum, const std::string& token, const std::map<std::string, std::string>& texts) {
    const auto listed = http_get(forum.port(), std::string("/api/v1/sessions/") + post_session + "/questions",
                                 {{"Authorization", "Bearer " + token}})
                            .json()["questions"];
    json snapshot;
    forum.subscribed(token, post_session, &snapshot);
    const json& snapshotted = snapshot["questions"];
    for (const auto& [id, text] : texts) {
        INFO(id << ": " << text);
        int found = 0;
        for (const auto* list : {&listed, &snapshotted})
            for (const auto& q : *list)
                if (q["id"] == id) {
                    CHECK(q["text"] == text);
                    ++found;
                }
        CHECK(found == 2);
    }
}

}  // namespace

TEST_CASE("question text is stored and returned exactly, with only the documented hygiene") {
    forum_fixture forum([](json& cfg) { cfg["limits"] = {{"asks_per_minute", 100}}; });
    const auto mod_token = forum.staff_token("moderator");
    const auto joined = forum.join(" \u202eАнна\u200b Смирнова\t");
    CHECK(joined["participant"]["name"] == "Анна Смирнова");
    auto author = forum.connect(joined["token"]);
    auto reader = forum.subscribed(forum.join()["token"], post_session);

    const std::string markup =
        "<script>alert(\"x\")</script> & &amp; &lt; 'один' \"два\" \\ / </p> ${x} {{x}} "
        "ёЁ 😀 👩‍👩‍👧 \u00a0неразрывный";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {markup, markup},  // kept byte for byte: no escaping, no entity decoding
        // Trimmed; bidi overrides, zero-width, bell and soft hyphen stripped; CR LF and U+2028 become \n, a tab a
        // space.
        {"  \u202eперевёрнутый\u202c текст\u200b с\u0007 управляющими\u00ad \r\nи\tпереносом\u2028строки \t ",
         "перевёрнутый текст с управляющими \nи переносом\nстроки"},
        {"е\u0308лка и\u0306од", "ёлка йод"},  // NFC
        {"\u2066изолят\u2069\u200eметка\u200f\u061c\ufeff", "изолятметка"},
        // 500 code points after NFC, though 1000 before: the limit counts what is stored.
        {repeat("е\u0308", 500), repeat("ё", 500)},
        {repeat("😀", 500), repeat("😀", 500)},
    };
    std::map<std::string, std::string> stored;  // id → expected text
    for (const auto& [typed, expected] : cases) {
        INFO(typed);
        const auto ack = author->request({{"type", "ask"}, {"session", post_session}, {"text", typed}});
        REQUIRE(ack["type"] == "ack");
        const std::string id = ack["id"];
        stored[id] = expected;
        const auto event = reader->wait_for(question_event(id));
        REQUIRE(event);
        CHECK((*event)["data"]["text"] == expected);
        CHECK((*event)["data"]["author"]["name"] == "Анна Смирнова");
    }
    CHECK(author->request({{"type", "ask"}, {"session", post_session}, {"text", repeat("ё", 501)}})["code"] ==
          "too_long");
    CHECK(author->request({{"type", "ask"}, {"session", post_session}, {"text", " \u200b\u202e\t\r\n "}})["code"] ==
          "bad_request");

    // A moderator's edit goes through the same hygiene.
    auto mod = forum.connect(mod_token);
    const auto edited_id =
        std::find_if(stored.begin(), stored.end(), [](const auto& s) { return s.second == "ёлка йод"; })->first;
    const auto edit = mod->request(
        {{"type", "moderate"}, {"question", edited_id}, {"action", "edit"}, {"text", "\u202e<b>правка</b>\u200b "}});
    REQUIRE(edit["type"] == "ack");
    CHECK(edit["question"]["text"] == "<b>правка</b>");
    CHECK(edit["question"]["edited"] == true);
    stored[edited_id] = "<b>правка</b>";

    check_everywhere(forum, mod_token, stored);
    forum.restart_after(SIGKILL);
    check_everywhere(forum, mod_token, stored);

    // The CSV quotes as RFC 4180 says and escapes nothing else.
    const auto csv = http_get(forum.port(), std::string("/api/v1/sessions/") + post_session + "/questions.csv",
                              {{"Authorization", "Bearer " + mod_token}});
    REQUIRE(csv.status == 200);
    std::string quoted;
    for (const char c : markup) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    CHECK_THAT(csv.body, Catch::Contains("\"" + quoted + "\""));
    CHECK_THAT(csv.body, Catch::Contains("<b>правка</b>"));
}

TEST_CASE("transcript text is stored and returned exactly, with only the documented hygiene") {
    forum_fixture forum;
    auto captioner = forum.connect(forum.staff_token("captioner"));
    auto reader = forum.subscribed(forum.join()["token"], post_session);
    const std::vector<std::pair<std::string, std::string>> lines = {
        {"<i>Слово</i> & «Анне» \"цитата\" 'x' &amp; &lt;b&gt;",
         "<i>Слово</i> & «Анне» \"цитата\" 'x' &amp; &lt;b&gt;"},
        // Line breaks become spaces in a transcript line.
        {"  \u202eстрока\u200b с\r\nпереносом\tи\u0007 звонком\u2028 ", "строка с переносом и звонком"},
        {"е\u0308лка", "ёлка"},
    };
    std::map<std::string, std::string> stored;  // segment id → expected text
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto id = "line-" + std::to_string(i);
        const auto ack = captioner->request(
            {{"type", "transcript"}, {"session", post_session}, {"id", id}, {"text", lines[i].first}, {"final", true}});
        REQUIRE(ack["type"] == "ack");
        stored[id] = lines[i].second;
        const auto event =
            reader->wait_for([&](const json& m) { return is_event(m, "transcript") && m["data"]["id"] == id; });
        REQUIRE(event);
        CHECK((*event)["data"]["text"] == lines[i].second);
    }
    const auto check_stored = [&] {
        json snapshot;
        forum.subscribed(forum.join()["token"], post_session, &snapshot);
        const json snapshotted = snapshot["transcript"];
        const json downloaded =
            http_get(forum.port(), std::string("/api/v1/sessions/") + post_session + "/transcript.json")
                .json()["segments"];
        for (const auto* list : {&snapshotted, &downloaded}) {
            REQUIRE(list->size() == stored.size());
            for (const auto& segment : *list) CHECK(segment["text"] == stored[segment["id"]]);
        }
    };
    check_stored();
    forum.restart_after(SIGKILL);
    check_stored();
}
