#include "core/client_message.hpp"
#include "core/wire_messages.hpp"

#include <catch2/catch.hpp>

using namespace veche::core;

namespace {

template <typename T>
T decoded(std::string_view text) {
    auto r = decode_client_message(text);
    REQUIRE(std::holds_alternative<client_message>(r));
    auto& m = std::get<client_message>(r);
    REQUIRE(std::holds_alternative<T>(m.payload));
    return std::get<T>(m.payload);
}

decode_failure failed(std::string_view text) {
    auto r = decode_client_message(text);
    REQUIRE(std::holds_alternative<decode_failure>(r));
    return std::get<decode_failure>(r);
}

}  // namespace

TEST_CASE("every client message of the hub decodes") {
    CHECK(decoded<hello_message>(R"({"type":"hello","token":"abc"})").token == "abc");
    const auto sub = decoded<subscribe_message>(R"({"type":"subscribe","session":"s1","since":42})");
    CHECK(sub.session == "s1");
    CHECK(sub.since == 42u);
    CHECK_FALSE(decoded<subscribe_message>(R"({"type":"subscribe","session":"s1"})").since);
    CHECK(decoded<unsubscribe_message>(R"({"type":"unsubscribe","session":"s1"})").session == "s1");
    const auto ask = decoded<ask_message>(R"({"type":"ask","session":"s1","text":"Вопрос","anonymous":true})");
    CHECK(ask.text == "Вопрос");
    CHECK(ask.anonymous);
    CHECK_FALSE(decoded<ask_message>(R"({"type":"ask","session":"s1","text":""})").anonymous);
    const auto vote = decoded<vote_message>(R"({"type":"vote","question":"s1.3","on":false})");
    CHECK(vote.question == "s1.3");
    CHECK_FALSE(vote.on);
    const auto mod = decoded<moderate_message>(R"({"type":"moderate","question":"s1.3","action":"edit","text":"x"})");
    CHECK(mod.action == moderation_action::edit);
    CHECK(mod.text == "x");
    const auto merge = decoded<moderate_message>(R"({"type":"moderate","question":"s1.3","action":"merge","into":"s1.1"})");
    CHECK(merge.action == moderation_action::merge);
    CHECK(merge.into == "s1.1");
    CHECK(decoded<moderate_message>(R"({"type":"moderate","question":"s1.3","action":"reply","text":"Да"})").action ==
          moderation_action::reply);
    const auto similar = decoded<similar_message>(R"({"type":"similar","session":"s1","text":"гранты"})");
    CHECK(similar.session == "s1");
    CHECK(similar.text == "гранты");
    CHECK(failed(R"({"type":"moderate","question":"s1.3","action":"merge","into":7})").message ==
          "\"into\" must be a string");
    CHECK(failed(R"({"type":"similar","session":"s1"})").message == "missing \"text\"");
    CHECK(decoded<session_control_message>(R"({"type":"session_control","session":"s1","action":"qa_close"})")
              .action == session_action::qa_close);

    const auto range = decoded<replay_range_message>(
        R"({"type":"session_control","session":"s1","action":"replay_range","from_ms":1765350240000,"to_ms":1765355400000})");
    CHECK(range.session == "s1");
    CHECK(range.from_ms == 1'765'350'240'000);
    CHECK(range.to_ms == 1'765'355'400'000);
    CHECK(session_of(range) == "s1");

    auto r = decode_client_message(R"({"type":"vote","question":"s1.3","on":true,"rid":"r-1","extra":1})");
    CHECK(std::get<client_message>(r).rid == "r-1");
}

TEST_CASE("malformed messages are refused with a reason, keeping the rid when it can be read") {
    CHECK(failed("not json").message == "invalid JSON");
    CHECK(failed("[1,2]").message == "a message must be a JSON object");
    CHECK(failed(R"({"rid":"a"})").rid == "a");
    CHECK(failed(R"({"type":"shout","rid":"a"})").message == "unknown message type");
    CHECK(failed(R"({"type":42})").message == "missing \"type\"");
    CHECK(failed(R"({"type":"vote","question":"s1.1","on":"yes","rid":"x"})").rid == "x");
    CHECK(failed(R"({"type":"vote","question":"s1.1"})").message == "missing \"on\"");
    CHECK(failed(R"({"type":"vote","question":7,"on":true})").message == "\"question\" must be a string");
    CHECK(failed(R"({"type":"ask","session":"s1","text":5})").message == "\"text\" must be a string");
    CHECK(failed(R"({"type":"ask","session":"s1","text":"a","anonymous":"no"})").message ==
          "\"anonymous\" must be true or false");
    CHECK(failed(R"({"type":"subscribe","session":"s1","since":-1})").message ==
          "\"since\" must be a non-negative integer");
    CHECK(failed(R"({"type":"moderate","question":"s1.1","action":"delete"})").message ==
          "unknown moderation action");
    CHECK(failed(R"({"type":"session_control","session":"s1","action":"pause"})").message ==
          "unknown session action");
    CHECK(failed(R"({"type":"session_control","session":"s1","action":"replay_range","from_ms":1})").message ==
          "replay_range needs \"from_ms\" and \"to_ms\"");
    CHECK(failed(R"({"type":"session_control","session":"s1","action":"replay_range","from_ms":-5,"to_ms":1})").message ==
          "\"from_ms\" must be milliseconds since the epoch");
    CHECK(failed(R"({"type":"session_control","session":"s1","action":"replay_range","from_ms":"10:04","to_ms":1})")
              .message == "\"from_ms\" must be milliseconds since the epoch");
    CHECK(failed(R"({"type":"session_control","action":"replay_range","from_ms":1,"to_ms":2})").message ==
          "missing \"session\"");
    CHECK(failed(R"({"type":"hello","token":"t","rid":5})").message == "\"rid\" must be a string");
    CHECK(failed(R"({"type":"hello","token":"t","rid":")" + std::string(65, 'r') + "\"}").message ==
          "\"rid\" must have 1 to 64 bytes");
}

TEST_CASE("transcript, poll and reaction messages decode") {
    const auto t = decoded<transcript_message>(
        R"({"type":"transcript","session":"s1","id":"l-7","text":"Текст","final":true,"start_ms":1,"end_ms":2,"speaker":"Анна","lang":"ru"})");
    CHECK(t.segment.id == "l-7");
    CHECK(t.segment.final);
    CHECK(t.segment.start_ms == 1);
    CHECK(t.segment.speaker == "Анна");
    CHECK_FALSE(decoded<transcript_message>(R"({"type":"transcript","session":"s1","id":"x","text":"","final":false})")
                    .segment.start_ms);
    const auto pc = decoded<poll_create_message>(
        R"({"type":"poll_create","session":"s1","question":"?","options":["a","b"],"multi":true,"live_results":true})");
    CHECK(pc.options.size() == 2);
    CHECK(pc.multi);
    CHECK(pc.live_results);
    CHECK(decoded<poll_control_message>(R"({"type":"poll_control","poll":"s1.p1","action":"close"})").action ==
          poll_action::close);
    CHECK(decoded<poll_control_message>(R"({"type":"poll_control","poll":"s1.p1","action":"reveal"})").action ==
          poll_action::reveal);
    CHECK(decoded<poll_vote_message>(R"({"type":"poll_vote","poll":"s1.p1","choices":[0,2]})").choices.size() == 2);
    CHECK(decoded<react_message>(R"({"type":"react","session":"s1","kind":"heart"})").kind == reaction_kind::heart);

    CHECK(failed(R"({"type":"transcript","session":"s1","id":"x","text":"t"})").message == "missing \"final\"");
    CHECK(failed(R"({"type":"transcript","session":"s1","id":"x","text":"t","final":true,"start_ms":"now"})").message ==
          "\"start_ms\" must be milliseconds since the epoch");
    CHECK(failed(R"({"type":"poll_create","session":"s1","question":"?","options":"a,b"})").message ==
          "\"options\" must be an array of strings");
    CHECK(failed(R"({"type":"poll_control","poll":"s1.p1","action":"pause"})").message ==
          "\"action\" must be \"open\", \"close\" or \"reveal\"");
    CHECK(failed(R"({"type":"poll_vote","poll":"s1.p1","choices":["a"]})").message ==
          "\"choices\" must be an array of option indexes");
    CHECK(failed(R"({"type":"react","session":"s1","kind":"boo"})").message == "unknown reaction kind");
    CHECK(session_of(poll_vote_message{"s2.p3", {}}) == "s2");
}

TEST_CASE("messages are routed by session, question ids carry theirs") {
    CHECK(session_of(vote_message{"sila-v-lyudyakh.12", true}) == "sila-v-lyudyakh");
    CHECK(session_of(ask_message{"s2", "x", false}) == "s2");
    CHECK(session_of(hello_message{"t"}).empty());
}

TEST_CASE("acks are built from their serialized fields") {
    CHECK(ack_text(std::string("r\"1"), R"({"votes":3})") == R"({"type":"ack","rid":"r\"1","votes":3})");
    CHECK(ack_text(std::nullopt, "{}") == R"({"type":"ack"})");
    CHECK(nlohmann::json::parse(ack_text(std::string("x"), R"({"id":"s1.2","a":[1]})")) ==
          nlohmann::json{{"type", "ack"}, {"rid", "x"}, {"id", "s1.2"}, {"a", {1}}});
}
