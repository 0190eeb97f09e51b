#include "core/question_commands.hpp"

#include "core/question_merge.hpp"
#include "core/similar_questions.hpp"
#include "core/text_hygiene.hpp"
#include "core/visibility.hpp"

namespace veche::core {
namespace {

std::optional<command_result> check_scope(const session_model& m, const identity& who) {
    if (!who.may_access(m.definition().id))
        return command_result::refuse(error_code::forbidden, "The token does not cover this session");
    return std::nullopt;
}

command_result acked_question(const question& q, const identity& who, std::vector<change> changes) {
    command_result r;
    r.ack = {{"question", question_json_for(q, who)}};
    r.changes = std::move(changes);
    return r;
}

}  // namespace

std::variant<std::string, command_result> checked_text(std::string_view raw, std::size_t max_chars,
                                                       std::string_view what) {
    const auto clean = clean_user_text(raw, true);
    if (!clean) return command_result::refuse(error_code::bad_request, "The text is not valid UTF-8");
    const auto name = std::string(what);
    if (clean->code_points == 0) return command_result::refuse(error_code::bad_request, "The " + name + " is empty");
    if (clean->code_points > max_chars)
        return command_result::refuse(error_code::too_long, "The " + name + " is longer than " +
                                                                std::to_string(max_chars) + " characters");
    return clean->text;
}

command_result ask(session_model& m, const identity& who, std::string_view raw_text, bool anonymous, epoch_ms now) {
    if (auto refused = check_scope(m, who)) return *refused;
    if (!who.may_take_part()) return command_result::refuse(error_code::forbidden, "Captioners cannot ask");
    if (m.status().state == session_state::ended)
        return command_result::refuse(error_code::closed, "The session has ended");
    if (!m.status().qa_open) return command_result::refuse(error_code::closed, "Questions are closed");
    auto text = checked_text(raw_text, m.limits().question_chars, "question");
    if (auto* refused = std::get_if<command_result>(&text)) return std::move(*refused);
    if (!m.ask_allowed(who.id, now))
        return command_result::refuse(error_code::rate_limited, "Too many questions: at most " +
                                                                    std::to_string(m.limits().asks_per_minute) +
                                                                    " a minute");
    question q;
    q.id = m.next_question_id();
    q.session = m.definition().id;
    q.text = std::move(std::get<std::string>(text));
    q.author_id = who.id;
    q.author_name = who.name;
    q.author_affiliation = who.affiliation;
    q.anonymous = anonymous;
    q.state = m.status().moderation == moderation_mode::post ? question_state::approved : question_state::pending;
    q.created_at = now;
    settle_hint(m, nullptr, q);
    m.ask_recorded(who.id, now);

    command_result r;
    r.ack = {{"id", q.id}};
    r.changes.push_back(m.record(question_changed{q, false}));
    update_hints_around(m, nullptr, q, r.changes);
    return r;
}

command_result vote(session_model& m, const identity& who, std::string_view question_id, bool on, epoch_ms now) {
    if (auto refused = check_scope(m, who)) return *refused;
    if (!who.may_take_part()) return command_result::refuse(error_code::forbidden, "Captioners cannot vote");
    const auto* q = m.find(question_id);
    if (!q || !visible_to(*q, who)) return command_result::refuse(error_code::not_found, "No such question");
    if (q->state == question_state::merged)
        return command_result::refuse(error_code::conflict, "The question was merged into " + q->merged_into +
                                                                ": vote for that one");
    if (m.status().state == session_state::ended)
        return command_result::refuse(error_code::closed, "The session has ended");
    if (!m.vote_allowed(who.id, now))
        return command_result::refuse(error_code::rate_limited, "Too many votes, slow down");

    command_result r;
    if (m.has_vote(q->id, who.id) == on) {
        r.ack = {{"votes", q->votes}};  // counted once: nothing changes
        return r;
    }
    const auto total = q->votes + (on ? 1 : -1);
    r.changes.push_back(m.record(vote_changed{q->id, who.id, on, total}));
    r.ack = {{"votes", total}};
    return r;
}

command_result moderate(session_model& m, const identity& who, const moderation_request& request, epoch_ms now) {
    if (auto refused = check_scope(m, who)) return *refused;
    const auto action = request.action;
    // Speakers answer from the stage, aloud or in writing.
    const bool speaker_may = action == moderation_action::answer || action == moderation_action::reply;
    if (!who.is_moderator() && !(who.role == role::speaker && speaker_may))
        return command_result::refuse(error_code::forbidden, "Only moderators may do this");
    const auto* found = m.find(request.question);
    if (!found || !visible_to(*found, who)) return command_result::refuse(error_code::not_found, "No such question");

    const auto before = *found;
    const auto conflict = [&](std::string why) { return command_result::refuse(error_code::conflict, std::move(why)); };
    using st = question_state;
    // Folded into another question for good: that one is the question now.
    if (before.state == st::merged) return conflict("The question is merged into " + before.merged_into);
    auto after = before;
    std::vector<change> changes;

    switch (action) {
        case moderation_action::approve:
            if (before.state == st::answered || before.state == st::archived)
                return conflict("The question is answered or archived: restore it instead");
            after.state = st::approved;
            break;
        case moderation_action::reject:
            if (before.state == st::answered || before.state == st::archived)
                return conflict("The question is answered or archived");
            after.state = st::rejected;
            after.highlighted = false;
            break;
        case moderation_action::highlight:
            if (before.state != st::approved) return conflict("Only an approved question can be highlighted");
            if (const auto* other = m.highlighted(); other && other->id != before.id) {
                auto off = *other;
                off.highlighted = false;
                changes.push_back(m.record(question_changed{std::move(off), visible_to_readers(other->state)}));
            }
            after.highlighted = true;
            break;
        case moderation_action::unhighlight:
            after.highlighted = false;
            break;
        case moderation_action::answer:
            if (before.state != st::approved && before.state != st::answered)
                return conflict("Only an approved question can be answered");
            after.state = st::answered;
            after.highlighted = false;
            break;
        case moderation_action::archive:
            after.state = st::archived;
            after.highlighted = false;
            break;
        case moderation_action::restore:
            if (before.state == st::pending) return conflict("A pending question is approved, not restored");
            after.state = st::approved;
            break;
        case moderation_action::edit: {
            if (!request.text) return command_result::refuse(error_code::bad_request, "edit needs \"text\"");
            auto checked = checked_text(*request.text, m.limits().question_chars, "question");
            if (auto* refused = std::get_if<command_result>(&checked)) return std::move(*refused);
            if (std::get<std::string>(checked) != before.text) {
                after.text = std::move(std::get<std::string>(checked));
                after.edited = true;
            }
            break;
        }
        case moderation_action::reply: {
            if (!request.text) return command_result::refuse(error_code::bad_request, "reply needs \"text\"");
            auto checked = checked_text(*request.text, m.limits().reply_chars, "reply");
            if (auto* refused = std::get_if<command_result>(&checked)) return std::move(*refused);
            after.reply = written_reply{std::move(std::get<std::string>(checked)), who.name, now};
            break;
        }
        case moderation_action::merge:
            return merge_question(m, who, before, request.into);
    }
    settle_hint(m, &before, after);
    if (after == before) return acked_question(after, who, std::move(changes));
    changes.push_back(m.record(question_changed{after, visible_to_readers(before.state)}));
    update_hints_around(m, &before, after, changes);
    return acked_question(after, who, std::move(changes));
}

}  // namespace veche::core
