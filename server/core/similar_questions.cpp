#include "core/similar_questions.hpp"

#include "core/question_commands.hpp"
#include "core/visibility.hpp"

#include <cmath>

namespace veche::core {
namespace {

double rounded(double score) { return std::round(score * 1000) / 1000; }

bool in_queue(const session_model& m, const std::string& id) {
    const auto* q = m.find(id);
    return q && visible_to_readers(q->state);
}

std::optional<similar_hint> queue_match(const session_model& m, const question& q) {
    const auto found = m.matcher().find(q.text, 1, [&](const std::string& id) { return id != q.id && in_queue(m, id); });
    if (found.empty()) return std::nullopt;
    return similar_hint{found.front().id, rounded(found.front().score)};
}

void record_hint(session_model& m, const question& q, std::optional<similar_hint> hint, std::vector<change>& out) {
    if (hint == q.similar_to) return;
    auto changed = q;
    changed.similar_to = std::move(hint);
    out.push_back(m.record(question_changed{std::move(changed), false}));
}

}  // namespace

command_result find_similar(session_model& m, const identity& who, std::string_view raw_text, epoch_ms now) {
    if (!who.may_access(m.definition().id))
        return command_result::refuse(error_code::forbidden, "The token does not cover this session");
    if (!who.may_take_part()) return command_result::refuse(error_code::forbidden, "Captioners cannot ask");
    auto text = checked_text(raw_text, m.limits().question_chars, "question");
    if (auto* refused = std::get_if<command_result>(&text)) return std::move(*refused);
    if (!m.similar_allowed(who.id, now))
        return command_result::refuse(error_code::rate_limited, "Too many similar-question requests, slow down");
    const auto found = m.matcher().find(std::get<std::string>(text), similar_answer_limit, [&](const std::string& id) {
        const auto* q = m.find(id);
        return q && q->state != question_state::merged && visible_to(*q, who);
    });
    auto list = nlohmann::json::array();
    for (const auto& match : found) {
        const auto* q = m.find(match.id);
        list.push_back({{"id", q->id}, {"text", q->text}, {"votes", q->votes}, {"score", rounded(match.score)}});
    }
    command_result r;
    r.ack = {{"questions", std::move(list)}};
    return r;
}

void settle_hint(const session_model& m, const question* before, question& after) {
    if (after.state != question_state::pending) {
        after.similar_to.reset();
        return;
    }
    if (!before || before->state != question_state::pending || before->text != after.text)
        after.similar_to = queue_match(m, after);
}

void update_hints_around(session_model& m, const question* before, const question& after, std::vector<change>& out) {
    const bool was_in_queue = before && visible_to_readers(before->state);
    const bool is_in_queue = visible_to_readers(after.state);
    const bool text_changed = !before || before->text != after.text;
    if (m.pending_count() == 0 || (!was_in_queue && !is_in_queue)) return;
    // Hints that pointed at it while it was what it no longer is: found again.
    if (was_in_queue && (!is_in_queue || text_changed)) {
        std::vector<const question*> stale;
        for (const auto& q : m.questions())
            if (q.state == question_state::pending && q.similar_to && q.similar_to->id == after.id) stale.push_back(&q);
        for (const auto* q : stale) record_hint(m, *q, queue_match(m, *q), out);
    }
    // New in the queue (or reworded there): the incoming questions it is now the best match of.
    if (is_in_queue && (!was_in_queue || text_changed)) {
        const auto found = m.matcher().find(after.text, m.pending_count(), [&](const std::string& id) {
            const auto* q = m.find(id);
            return q && q->state == question_state::pending;
        });
        for (const auto& match : found) {
            const auto* q = m.find(match.id);
            const similar_hint hint{after.id, rounded(match.score)};
            if (!q->similar_to || q->similar_to->id == after.id || q->similar_to->score < hint.score)
                record_hint(m, *q, hint, out);
        }
    }
}

}  // namespace veche::core
