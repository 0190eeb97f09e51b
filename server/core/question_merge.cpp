#include "core/question_merge.hpp"

#include "core/similar_questions.hpp"
#include "core/visibility.hpp"

#include <algorithm>
#include <tuple>

namespace veche::core {
namespace {

command_result bad_request(std::string why) { return command_result::refuse(error_code::bad_request, std::move(why)); }

// Where the target refuses a merge: the reason, or nothing.
std::optional<command_result> refuse_target(const session_model& m, const question& source, const std::string& into) {
    if (into == source.id) return bad_request("A question cannot be merged into itself");
    const auto* target = m.find(into);
    if (!target) {
        if (into.substr(0, into.find('.')) != m.definition().id)
            return bad_request("A question can only be merged into a question of the same session");
        return bad_request("There is no such question to merge into");
    }
    if (target->state == question_state::merged)
        return bad_request("That question is itself merged into " + target->merged_into + ": merge into that one");
    if (!visible_to_readers(target->state))
        return bad_request("Merge into a question of the queue (approved or answered): approve it first");
    return std::nullopt;
}

// The ids folded into a question, in the order their questions were asked (as the store reads them back).
void sort_by_asking(const session_model& m, std::vector<std::string>& ids) {
    std::sort(ids.begin(), ids.end(), [&](const std::string& a, const std::string& b) {
        const auto* qa = m.find(a);
        const auto* qb = m.find(b);
        return std::tie(qa->created_at, a) < std::tie(qb->created_at, b);
    });
}

}  // namespace

command_result merge_question(session_model& m, const identity& who, const question& source,
                              const std::optional<std::string>& into) {
    if (!into) return bad_request("merge needs \"into\": the question to merge into");
    if (auto refused = refuse_target(m, source, *into)) return std::move(*refused);
    const auto target_id = *into;
    std::vector<change> changes;

    // Support moves over: each person once.
    auto supporters = m.voters_of(source.id);
    if (source.author_id != m.find(target_id)->author_id) supporters.push_back(source.author_id);
    for (const auto& person : supporters) {
        if (m.has_vote(target_id, person)) continue;
        const auto total = m.find(target_id)->votes + 1;
        changes.push_back(m.record(vote_changed{target_id, person, true, total}));
    }

    auto target = *m.find(target_id);
    target.merged.push_back(source.id);
    target.merged.insert(target.merged.end(), source.merged.begin(), source.merged.end());
    sort_by_asking(m, target.merged);
    changes.push_back(m.record(question_changed{target, true}));

    auto merged = source;
    merged.state = question_state::merged;
    merged.merged_into = target_id;
    merged.merged.clear();
    merged.highlighted = false;
    settle_hint(m, &source, merged);
    changes.push_back(m.record(question_changed{merged, visible_to_readers(source.state)}));
    // Questions merged into the source earlier now point at where it went.
    for (const auto& id : source.merged) {
        auto moved = *m.find(id);
        moved.merged_into = target_id;
        changes.push_back(m.record(question_changed{std::move(moved), false}));
    }
    update_hints_around(m, &source, merged, changes);

    command_result r;
    r.ack = {{"question", question_json_for(merged, who)}};
    r.changes = std::move(changes);
    return r;
}

}  // namespace veche::core
