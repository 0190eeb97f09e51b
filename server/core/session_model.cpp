#include "core/session_model.hpp"

#include "core/overloaded.hpp"
#include "core/queue_order.hpp"
#include "core/visibility.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace veche::core {

session_model::session_model(const session_definition& def, const session_limits& limits,
                             std::unique_ptr<question_matcher> matcher)
    : def_(def), limits_(limits), status_(session_status::initial(def)), matcher_(std::move(matcher)) {}

const question* session_model::find(std::string_view id) const {
    const auto it = index_.find(std::string(id));
    return it == index_.end() ? nullptr : &questions_[it->second];
}

question& session_model::mutable_question(const std::string& id) {
    const auto it = index_.find(id);
    if (it == index_.end()) throw std::logic_error("change for an unknown question");
    return questions_[it->second];
}

std::vector<const question*> session_model::visible_questions(const identity& who) const {
    std::vector<const question*> out;
    for (const auto& q : questions_)
        if (visible_to(q, who)) out.push_back(&q);
    sort_in_queue_order(out);
    return out;
}

bool session_model::has_vote(std::string_view question_id, std::string_view participant) const {
    const auto k = participant_keys_.find(std::string(participant));
    if (k == participant_keys_.end()) return false;
    const auto v = voters_.find(std::string(question_id));
    return v != voters_.end() && v->second.count(k->second) > 0;
}

std::vector<std::string> session_model::voters_of(std::string_view question_id) const {
    std::vector<std::string> out;
    if (const auto v = voters_.find(std::string(question_id)); v != voters_.end())
        for (const auto key : v->second) out.push_back(participant_ids_[key]);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> session_model::votes_of(const identity& who) const {
    std::vector<std::string> out;
    const auto k = participant_keys_.find(who.id);
    if (k == participant_keys_.end()) return out;
    for (const auto& q : questions_) {
        if (!visible_to(q, who)) continue;
        const auto v = voters_.find(q.id);
        if (v != voters_.end() && v->second.count(k->second)) out.push_back(q.id);
    }
    return out;
}

const question* session_model::highlighted() const {
    for (const auto& q : questions_)
        if (q.highlighted) return &q;
    return nullptr;
}

std::string session_model::next_question_id() { return def_.id + '.' + std::to_string(++question_counter_); }

std::uint32_t session_model::participant_key(const std::string& participant) {
    const auto [it, fresh] = participant_keys_.emplace(participant, static_cast<std::uint32_t>(participant_keys_.size()));
    if (fresh) participant_ids_.push_back(participant);
    return it->second;
}

session_model::participant_limits& session_model::limits_of(const std::string& participant) {
    const auto key = participant_key(participant);
    auto it = participant_limits_.find(key);
    if (it == participant_limits_.end())
        it = participant_limits_
                 .emplace(key, participant_limits{sliding_window_limit(limits_.asks_per_minute, 60'000),
                                                  rate_limiter(limits_.votes_per_second, limits_.votes_burst),
                                                  rate_limiter(limits_.reactions_per_second, limits_.reactions_burst),
                                                  rate_limiter(limits_.similar_per_second, limits_.similar_burst)})
                 .first;
    return it->second;
}

bool session_model::ask_allowed(const std::string& participant, epoch_ms now) {
    return limits_of(participant).asks.allows(now);
}

void session_model::ask_recorded(const std::string& participant, epoch_ms now) {
    limits_of(participant).asks.record(now);
}

bool session_model::vote_allowed(const std::string& participant, epoch_ms now) {
    return limits_of(participant).votes.try_take(now);
}

bool session_model::similar_allowed(const std::string& participant, epoch_ms now) {
    return limits_of(participant).similar.try_take(now);
}

bool session_model::react_allowed(const std::string& participant, epoch_ms now) {
    return limits_of(participant).reactions.try_take(now);
}

std::string session_model::next_poll_id() { return def_.id + ".p" + std::to_string(++poll_counter_); }

nlohmann::json session_model::polls_json_for(const identity& who) const {
    auto out = nlohmann::json::array();
    for (const auto& p : polls_.all())
        if (poll_visible_to(p, who)) out.push_back(poll_json(p, poll_results_visible_to(p, who)));
    return out;
}

nlohmann::json session_model::ballots_json_of(const identity& who) const {
    auto out = nlohmann::json::object();
    const auto k = participant_keys_.find(who.id);
    if (k == participant_keys_.end()) return out;
    for (const auto& p : polls_.all())
        if (const auto* b = polls_.ballot_of(p.id, k->second)) out[p.id] = *b;
    return out;
}

change session_model::record(change_payload payload) {
    apply(payload);
    return change{++seq_, std::move(payload)};
}

void session_model::apply(const change_payload& payload) {
    std::visit(overloaded{
                   [&](const question_changed& qc) {
                       const auto& q = qc.after;
                       const auto it = index_.find(q.id);
                       const question* before = it == index_.end() ? nullptr : &questions_[it->second];
                       pending_count_ += q.state == question_state::pending;
                       pending_count_ -= before && before->state == question_state::pending;
                       // The matcher knows every question but the merged ones (their target stands for them).
                       if (q.state == question_state::merged) matcher_->remove(q.id);
                       else if (!before || before->text != q.text) matcher_->put(q.id, q.text);
                       if (before) {
                           questions_[it->second] = q;
                       } else {
                           index_.emplace(q.id, questions_.size());
                           questions_.push_back(q);
                       }
                   },
                   [&](const vote_changed& vc) {
                       auto& voters = voters_[vc.question_id];
                       const auto key = participant_key(vc.participant);
                       if (vc.on) voters.insert(key);
                       else voters.erase(key);
                       mutable_question(vc.question_id).votes = vc.total;
                   },
                   [&](const session_changed& sc) { status_ = sc.status; },
                   [&](const segment_finalized& sf) { transcript_.apply_final(sf.segment); },
                   [&](const poll_changed& pc) { polls_.apply_poll(pc.after); },
                   [&](const ballot_cast& bc) {
                       polls_.apply_ballot(bc.poll_id, participant_key(bc.participant), bc.choices, bc.after);
                   },
               },
               payload);
}

void session_model::note_poll_id(const std::string& id) {
    const auto mark = id.rfind(".p");
    std::uint64_t n = 0;
    if (mark != std::string::npos) std::from_chars(id.data() + mark + 2, id.data() + id.size(), n);
    if (n > poll_counter_) poll_counter_ = n;
}

void session_model::note_question_id(const std::string& id) {
    const auto dot = id.rfind('.');
    std::uint64_t n = 0;
    if (dot != std::string::npos) std::from_chars(id.data() + dot + 1, id.data() + id.size(), n);
    if (n > question_counter_) question_counter_ = n;
}

void session_model::restore_poll(const poll& p) {
    note_poll_id(p.id);
    auto fresh = p;
    fresh.counts.assign(p.options.size(), 0);  // counted again from the ballots
    fresh.voters = 0;
    polls_.apply_poll(fresh);
}

void session_model::restore_ballot(const std::string& poll_id, const std::string& participant, const ballot& choices) {
    polls_.restore_ballot(poll_id, participant_key(participant), choices);
}

void session_model::restore_status(const session_status& status, seq_t seq) {
    status_ = status;
    seq_ = seq;
}

void session_model::restore_question(question q) {
    note_question_id(q.id);
    apply(question_changed{std::move(q), false});
}

void session_model::restore_vote(const std::string& question_id, const std::string& participant) {
    if (!index_.count(question_id)) return;
    voters_[question_id].insert(participant_key(participant));
    mutable_question(question_id).votes = static_cast<std::int64_t>(voters_[question_id].size());
}

void session_model::replay(const change& c) {
    if (const auto* qc = std::get_if<question_changed>(&c.payload)) note_question_id(qc->after.id);
    if (const auto* pc = std::get_if<poll_changed>(&c.payload)) note_poll_id(pc->after.id);
    apply(c.payload);
    seq_ = c.seq;
}

}  // namespace veche::core
