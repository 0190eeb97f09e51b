// Written replies (docs/protocol.md, "moderate", reply): who may give one,
// what text is accepted, who sees it.
#include "session_fixture.hpp"

#include "core/visibility.hpp"

#include <catch2/catch.hpp>

using namespace veche;
using namespace veche::test;
using core::error_code;
using core::moderation_action;

namespace {

core::command_result reply(session_fixture& f, const core::identity& who, const std::string& id,
                           std::optional<std::string> text) {
    return core::moderate(f.model, who, {id, moderation_action::reply, std::move(text)}, f.now);
}

}  // namespace

TEST_CASE("reply: the text is checked like a question's, up to the reply limit") {
    session_fixture f;
    const auto id = f.approved(f.anna, "Когда откроют приём заявок на гранты?");
    const auto seq = f.model.seq();
    CHECK(reply(f, f.mod, id, std::nullopt).refused->code == error_code::bad_request);
    CHECK(reply(f, f.mod, id, " \t\n ").refused->code == error_code::bad_request);
    CHECK(reply(f, f.mod, id, std::string("\xC3\x28")).refused->code == error_code::bad_request);
    CHECK(reply(f, f.mod, id, std::string(1001, 'x')).refused->code == error_code::too_long);
    CHECK(f.model.seq() == seq);

    // 1,000 code points of Cyrillic (2,000 bytes) are within the limit; the text is cleaned.
    std::string longest;
    for (int i = 0; i < 1000; ++i) longest += "ж";
    REQUIRE_FALSE(reply(f, f.mod, id, longest).refused);
    const auto r = reply(f, f.mod, id, "  Приём откроется\u200B 1 марта.  ");
    REQUIRE_FALSE(r.refused);
    CHECK(r.ack["question"]["reply"]["text"] == "Приём откроется 1 марта.");
    CHECK(r.ack["question"]["reply"]["by"] == "mod");
    CHECK(r.ack["question"]["reply"]["at_ms"] == f.now);
    CHECK(r.ack["question"]["state"] == "approved");  // a reply does not answer it aloud
}

TEST_CASE("reply: moderators and speakers reply, the next reply replaces the last, everyone who sees it reads it") {
    session_fixture f;
    const auto id = f.approved(f.anna, "Когда откроют приём заявок на гранты?");
    CHECK(reply(f, f.anna, id, "Я сама отвечу").refused->code == error_code::forbidden);
    CHECK(reply(f, f.captioner, id, "Ответ").refused->code == error_code::forbidden);

    auto speaker = f.speaker;
    speaker.name = "Наталья Лебедева";
    REQUIRE_FALSE(reply(f, speaker, id, "В марте.").refused);
    REQUIRE_FALSE(reply(f, f.mod, id, "Первого марта, на портале.").refused);
    const auto* q = f.model.find(id);
    REQUIRE(q->reply);
    CHECK(q->reply->text == "Первого марта, на портале.");
    CHECK(q->reply->by == "mod");
    for (const auto* who : {&f.anna, &f.boris, &f.speaker, &f.mod})
        CHECK(core::question_json_for(*q, *who)["reply"]["text"] == "Первого марта, на портале.");

    // A pending question: the moderator may answer its author privately; speakers do not see it.
    const auto pending = f.asked(f.boris, "Можно ли подать заявку от ТОС?");
    CHECK(reply(f, f.speaker, pending, "Да").refused->code == error_code::not_found);
    REQUIRE_FALSE(reply(f, f.mod, pending, "Да, от ТОС можно.").refused);
    CHECK(core::question_json_for(*f.model.find(pending), f.boris)["reply"]["text"] == "Да, от ТОС можно.");
    CHECK_FALSE(core::visible_to(*f.model.find(pending), f.anna));

    // Nameless staff: `by` is null.
    auto nameless = person("ops", core::role::moderator);
    nameless.name.clear();
    REQUIRE_FALSE(reply(f, nameless, id, "Уточним.").refused);
    CHECK(core::question_json_for(*f.model.find(id), f.anna)["reply"]["by"].is_null());
}
