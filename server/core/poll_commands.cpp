#include "core/poll_commands.hpp"

#include "core/text_hygiene.hpp"

#include <algorithm>
#include <variant>

namespace veche::core {
namespace {

constexpr std::size_t max_question_chars = 300;
constexpr std::size_t max_option_chars = 100;
constexpr std::size_t min_options = 2;
constexpr std::size_t max_options = 10;

std::optional<command_result> check_moderator(const session_model& m, const identity& who) {
    if (!who.may_access(m.definition().id))
        return command_result::refuse(error_code::forbidden, "The token does not cover this session");
    if (!who.is_moderator()) return command_result::refuse(error_code::forbidden, "Only moderators may do this");
    return std::nullopt;
}

// The text cleaned and checked, or the refusal.
std::variant<std::string, command_result> checked(std::string_view raw, std::size_t max_chars, const char* what) {
    const auto clean = clean_user_text(raw, false);
    if (!clean) return command_result::refuse(error_code::bad_request, std::string(what) + " is not valid UTF-8");
    if (clean->code_points == 0) return command_result::refuse(error_code::bad_request, std::string(what) + " is empty");
    if (clean->code_points > max_chars)
        return command_result::refuse(error_code::too_long,
                                      std::string(what) + " is longer than " + std::to_string(max_chars) + " characters");
    return clean->text;
}

}  // namespace

command_result create_poll(session_model& m, const identity& who, const std::string& question,
                           const std::vector<std::string>& options, poll_settings settings, epoch_ms now) {
    if (auto refused = check_moderator(m, who)) return *refused;
    if (options.size() < min_options || options.size() > max_options)
        return command_result::refuse(error_code::bad_request, "A poll needs 2 to 10 options");
    poll p;
    auto q = checked(question, max_question_chars, "The question");
    if (auto* refused = std::get_if<command_result>(&q)) return std::move(*refused);
    p.question = std::move(std::get<std::string>(q));
    for (const auto& raw : options) {
        auto option = checked(raw, max_option_chars, "An option");
        if (auto* refused = std::get_if<command_result>(&option)) return std::move(*refused);
        p.options.push_back(std::move(std::get<std::string>(option)));
    }
    p.id = m.next_poll_id();
    p.session = m.definition().id;
    p.multi = settings.multi;
    p.live_results = settings.live_results;
    p.formal = settings.formal;
    p.created_at = now;
    p.counts.assign(p.options.size(), 0);
    command_result r;
    r.ack = {{"id", p.id}};
    r.changes.push_back(m.record(poll_changed{std::move(p)}));
    return r;
}

command_result control_poll(session_model& m, const identity& who, const std::string& poll_id, poll_action action) {
    if (auto refused = check_moderator(m, who)) return *refused;
    const auto* found = m.polls().find(poll_id);
    if (!found) return command_result::refuse(error_code::not_found, "No such poll");
    auto after = *found;
    switch (action) {
        case poll_action::open:
            if (after.state == poll_state::closed) return command_result::refuse(error_code::conflict, "The poll is closed");
            after.state = poll_state::open;
            break;
        case poll_action::close:
            if (after.state == poll_state::draft)
                return command_result::refuse(error_code::conflict, "The poll was never opened");
            after.state = poll_state::closed;
            break;
        case poll_action::reveal:
            if (after.state == poll_state::draft)
                return command_result::refuse(error_code::conflict, "The poll was never opened");
            // A closed poll's results are everyone's already.
            if (after.state == poll_state::open) after.live_results = true;
            break;
    }
    command_result r;
    if (after != *found) r.changes.push_back(m.record(poll_changed{after}));
    r.ack = {{"poll", poll_json(after, true)}};
    return r;
}

command_result vote_in_poll(session_model& m, const identity& who, const std::string& poll_id,
                            const std::vector<std::int64_t>& choices, epoch_ms now) {
    if (!who.may_access(m.definition().id))
        return command_result::refuse(error_code::forbidden, "The token does not cover this session");
    if (!who.may_take_part()) return command_result::refuse(error_code::forbidden, "Captioners cannot vote");
    const auto* found = m.polls().find(poll_id);
    if (!found || !poll_visible_to(*found, who)) return command_result::refuse(error_code::not_found, "No such poll");
    if (found->formal) {
        if (who.role != role::participant)
            return command_result::refuse(error_code::forbidden, "Only delegates vote in a formal poll");
        if (!who.affiliation.verified)
            return command_result::refuse(error_code::forbidden,
                                          "Only verified delegates vote in a formal poll: this identity is self-declared");
    }
    if (found->state != poll_state::open) return command_result::refuse(error_code::closed, "The poll is not open");
    if (found->formal && m.polls().ballot_of(poll_id, m.participant_key(who.id)))
        return command_result::refuse(error_code::conflict, "A formal ballot is final: yours is already cast");
    if (choices.empty()) return command_result::refuse(error_code::bad_request, "Choose at least one option");
    if (!found->multi && choices.size() != 1)
        return command_result::refuse(error_code::bad_request, "This poll takes one choice");
    ballot b;
    for (auto c : choices) {
        if (c < 0 || static_cast<std::size_t>(c) >= found->options.size())
            return command_result::refuse(error_code::bad_request, "A choice is out of range");
        b.push_back(static_cast<std::uint32_t>(c));
    }
    std::sort(b.begin(), b.end());
    if (std::adjacent_find(b.begin(), b.end()) != b.end())
        return command_result::refuse(error_code::bad_request, "A choice is repeated");
    if (!m.vote_allowed(who.id, now)) return command_result::refuse(error_code::rate_limited, "Too many votes, slow down");

    command_result r;
    const auto key = m.participant_key(who.id);
    if (const auto* old = m.polls().ballot_of(poll_id, key); old && *old == b) return r;
    auto after = m.polls().with_ballot(*found, key, b);
    r.changes.push_back(m.record(ballot_cast{poll_id, who.id, std::move(b), std::move(after)}));
    return r;
}

}  // namespace veche::core
