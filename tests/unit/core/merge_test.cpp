// Merging a question into another (docs/protocol.md, "moderate", merge):
// what is refused and why, and where the support goes.
#include "session_fixture.hpp"

#include "core/visibility.hpp"

#include <catch2/catch.hpp>

using namespace veche;
using namespace veche::test;
using core::error_code;
using core::moderation_action;
using st = core::question_state;

namespace {

core::command_result merge(session_fixture& f, const std::string& id, std::optional<std::string> into,
                           const core::identity* who = nullptr) {
    return core::moderate(f.model, who ? *who : f.mod, {id, moderation_action::merge, std::nullopt, std::move(into)},
                          f.now);
}

void vote_for(session_fixture& f, const core::identity& who, const std::string& id) {
    REQUIRE_FALSE(core::vote(f.model, who, id, true, f.now++).refused);
}

}  // namespace

TEST_CASE("merge: what cannot be merged is refused, and nothing changes") {
    session_fixture f;
    const auto target = f.approved(f.boris, "Как получить грант на благоустройство?");
    const auto source = f.asked(f.anna, "гранты на благоустройство дворов — как подать?");
    const auto pending = f.asked(f.boris, "Когда откроют приём заявок?");
    const auto seq = f.model.seq();
    const auto refused = [&](const std::string& id, std::optional<std::string> into, error_code code,
                             const std::string& why) {
        const auto r = merge(f, id, std::move(into));
        REQUIRE(r.refused);
        CHECK(r.refused->code == code);
        CHECK(r.refused->message.find(why) != std::string::npos);
        CHECK(f.model.seq() == seq);
    };
    refused(source, std::nullopt, error_code::bad_request, "needs \"into\"");
    refused(source, source, error_code::bad_request, "into itself");
    refused(source, "s2.1", error_code::bad_request, "same session");
    refused(source, "elsewhere", error_code::bad_request, "same session");
    refused(source, "s1.404", error_code::bad_request, "no such question");
    refused(source, pending, error_code::bad_request, "approve it first");

    // Only moderators merge; speakers and participants may not.
    CHECK(merge(f, source, target, &f.speaker).refused->code == error_code::forbidden);
    CHECK(merge(f, source, target, &f.anna).refused->code == error_code::forbidden);

    REQUIRE_FALSE(merge(f, source, target).refused);
    // Into a merged question: bad_request, naming where that one went.
    const auto third = f.approved(f.boris, "Как подать заявку на грант?");
    const auto after_merge = f.model.seq();
    const auto into_merged = merge(f, third, source);
    REQUIRE(into_merged.refused);
    CHECK(into_merged.refused->code == error_code::bad_request);
    CHECK(into_merged.refused->message.find("merged into " + target) != std::string::npos);
    // A merged question again, or any other action on it: conflict.
    CHECK(merge(f, source, third).refused->code == error_code::conflict);
    for (const auto action : {moderation_action::approve, moderation_action::restore, moderation_action::archive,
                              moderation_action::reply})
        CHECK(core::moderate(f.model, f.mod, {source, action, "Ответ"}, f.now).refused->code == error_code::conflict);
    CHECK(f.model.seq() == after_merge);
}

TEST_CASE("merge: the target's votes are the distinct people who supported either") {
    session_fixture f;
    const auto carol = person("carol");
    const auto dmitry = person("dmitry");
    const auto target = f.approved(f.boris, "Как получить грант на благоустройство?");
    const auto source = f.approved(f.anna, "гранты на благоустройство дворов — как подать?");
    // carol voted for both, dmitry for the source only, boris (the target's author) for the source too.
    vote_for(f, carol, target);
    vote_for(f, carol, source);
    vote_for(f, dmitry, source);
    vote_for(f, f.boris, source);
    REQUIRE(f.model.find(target)->votes == 1);
    REQUIRE(f.model.find(source)->votes == 3);

    const auto r = merge(f, source, target);
    REQUIRE_FALSE(r.refused);
    // carol once, dmitry, boris, and anna who asked the source: 4.
    const auto* t = f.model.find(target);
    CHECK(t->votes == 4);
    CHECK(f.model.voters_of(target) == std::vector<std::string>{"anna", "boris", "carol", "dmitry"});
    CHECK(t->merged == std::vector<std::string>{source});
    const auto* s = f.model.find(source);
    CHECK(s->state == st::merged);
    CHECK(s->merged_into == target);
    CHECK(r.ack["question"]["state"] == "merged");
    CHECK(r.ack["question"]["merged_into"] == target);

    // The changes say it all, in order: the new votes, the target, then the merged question.
    std::size_t votes = 0;
    for (const auto& c : r.changes) votes += std::holds_alternative<core::vote_changed>(c.payload);
    CHECK(votes == 3);
    const auto& last = std::get<core::question_changed>(r.changes.back().payload);
    CHECK(last.after.id == source);
    CHECK(last.was_visible_to_readers);

    // A vote for the merged question is refused (its author alone still sees it); the voters' support is on the target.
    CHECK(core::vote(f.model, dmitry, source, false, f.now).refused->code == error_code::not_found);
    CHECK(core::vote(f.model, f.anna, source, true, f.now).refused->code == error_code::conflict);
    CHECK(f.model.has_vote(target, "dmitry"));
    CHECK(f.model.votes_of(dmitry) == std::vector<std::string>{target});
}

TEST_CASE("merge: the author of both does not vote for themselves, a chain folds into the last target") {
    session_fixture f;
    const auto a = f.approved(f.anna, "Как получить грант на благоустройство?");
    const auto b = f.approved(f.anna, "Как получить грант на благоустройство двора?");
    const auto c = f.approved(f.boris, "Гранты на благоустройство: как получить?");
    REQUIRE_FALSE(merge(f, b, a).refused);
    CHECK(f.model.find(a)->votes == 0);  // anna asked both

    // a (holding b) folds into c: b now points at c, and c lists both, in the order they were asked.
    REQUIRE_FALSE(merge(f, a, c).refused);
    CHECK(f.model.find(b)->merged_into == c);
    CHECK(f.model.find(a)->merged.empty());
    CHECK(f.model.find(c)->merged == std::vector<std::string>{a, b});
    CHECK(f.model.find(c)->votes == 1);  // anna
}

TEST_CASE("merge: a merged question leaves the highlight and the queue, its author still sees it") {
    session_fixture f;
    const auto target = f.approved(f.boris, "Как получить грант на благоустройство?");
    const auto source = f.approved(f.anna, "гранты на благоустройство дворов — как подать?");
    REQUIRE_FALSE(core::moderate(f.model, f.mod, {source, moderation_action::highlight}, f.now).refused);
    REQUIRE_FALSE(merge(f, source, target).refused);
    const auto* s = f.model.find(source);
    CHECK_FALSE(s->highlighted);
    CHECK_FALSE(core::visible_to(*s, f.boris));
    CHECK_FALSE(core::visible_to(*s, f.speaker));
    CHECK(core::visible_to(*s, f.anna));
    const auto mine = core::question_json_for(*s, f.anna);
    CHECK(mine["state"] == "merged");
    CHECK(mine["merged_into"] == target);
    const auto stub = core::question_stub_json(*s);
    CHECK(stub["merged_into"] == target);
    CHECK_FALSE(stub.contains("text"));
    CHECK(core::question_json_for(*f.model.find(target), f.boris)["merged"] == nlohmann::json::array({source}));
}
