#include "core/audit_trail.hpp"

#include "core/overloaded.hpp"

namespace veche::core {
namespace {

// "1. Дороги; 2. Школы", or with counts "1. Дороги: 12; 2. Школы: 3": numbered from 1 as the page shows them.
std::string numbered(const poll& p, const std::vector<std::uint32_t>& which, bool with_counts) {
    std::string out;
    for (const auto i : which) {
        if (i >= p.options.size()) continue;
        if (!out.empty()) out += "; ";
        out += std::to_string(i + 1) + ". " + p.options[i];
        if (with_counts) out += ": " + std::to_string(i < p.counts.size() ? p.counts[i] : 0);
    }
    return out;
}

std::vector<std::uint32_t> every_option(const poll& p) {
    std::vector<std::uint32_t> all(p.options.size());
    for (std::uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    return all;
}

// A corrected replay range as an ISO 8601 interval ("…T10:04:00.000Z/…T11:30:00.000Z"); empty: none set (the
// replay runs from when the session went live to when it ended).
std::string interval(const std::optional<replay_range>& r) {
    return r ? format_rfc3339_ms(r->from_ms) + '/' + format_rfc3339_ms(r->to_ms) : std::string();
}

// The poll a command created.
const poll* changed_poll(const command_result& r) {
    const auto* pc = std::get_if<poll_changed>(&r.changes.back().payload);
    return pc ? &pc->after : nullptr;
}

}  // namespace

std::string text_replaced_by(const session_model& m, const client_payload& payload) {
    if (std::holds_alternative<replay_range_message>(payload)) return interval(m.status().replay);
    const auto* c = std::get_if<moderate_message>(&payload);
    const auto* q = c ? m.find(c->question) : nullptr;
    if (!q) return {};
    if (c->action == moderation_action::edit) return q->text;
    if (c->action == moderation_action::reply && q->reply) return q->reply->text;
    return {};
}

std::optional<audit_entry> audit_entry_for(const session_model& m, const identity& who, const client_payload& payload,
                                           const command_result& r, std::string text_before, epoch_ms now) {
    if (r.refused || r.changes.empty()) return std::nullopt;
    audit_entry e;
    e.seq = r.changes.back().seq;
    e.at = now;
    e.actor_id = who.id;
    e.actor_name = who.name;
    e.actor_role = who.role;
    const bool kept = std::visit(
        overloaded{
            [&](const moderate_message& c) {
                e.action = "moderate." + std::string(to_string(c.action));
                e.target = c.question;
                const auto* q = m.find(c.question);
                if (c.action == moderation_action::edit || c.action == moderation_action::reply) {
                    e.text_before = std::move(text_before);
                    if (q && c.action == moderation_action::edit) e.text_after = q->text;
                    if (q && c.action == moderation_action::reply && q->reply) e.text_after = q->reply->text;
                }
                if (c.action == moderation_action::merge && q) e.text_after = q->merged_into;
                return true;
            },
            [&](const session_control_message& c) {
                e.action = "session_control." + std::string(to_string(c.action));
                e.target = m.definition().id;
                return true;
            },
            [&](const replay_range_message&) {
                e.action = "session_control.replay_range";
                e.target = m.definition().id;
                e.text_before = std::move(text_before);
                e.text_after = interval(m.status().replay);
                return true;
            },
            [&](const poll_create_message&) {
                const auto* p = changed_poll(r);
                if (!p) return false;
                e.action = p->formal ? "poll_create.formal" : "poll_create";
                e.target = p->id;
                e.text_after = p->question;
                e.choices = numbered(*p, every_option(*p), false);
                return true;
            },
            [&](const poll_control_message& c) {
                e.action = "poll_control." + std::string(to_string(c.action));
                e.target = c.poll;
                // The final result, in every export: a moderator's has no ballots.
                if (const auto* p = m.polls().find(c.poll); p && c.action == poll_action::close)
                    e.choices = numbered(*p, every_option(*p), true);
                return true;
            },
            [&](const poll_vote_message& c) {
                const auto* cast = std::get_if<ballot_cast>(&r.changes.back().payload);
                if (!cast || !cast->after.formal) return false;
                e.action = audit_entry::ballot_action;
                e.target = c.poll;
                e.choices = numbered(cast->after, cast->choices, false);
                return true;
            },
            [](const auto&) { return false; },
        },
        payload);
    if (!kept) return std::nullopt;
    return e;
}

}  // namespace veche::core
