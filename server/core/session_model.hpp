#pragma once
// One forum session's state: its status, its questions and who voted for
// what, its transcript and polls, plus the per-participant limits. Pure:
// commands (in their own files) check and change it and return the changes;
// the restore_ functions rebuild it from what the store kept. Its matcher
// always holds the text of every question that is not merged.

#include "core/event_definition.hpp"
#include "core/identity.hpp"
#include "core/poll_book.hpp"
#include "core/question.hpp"
#include "core/question_matcher.hpp"
#include "core/rate_limiter.hpp"
#include "core/session_change.hpp"
#include "core/session_limits.hpp"
#include "core/session_status.hpp"
#include "core/sliding_window_limit.hpp"
#include "core/transcript_log.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace veche::core {

class session_model {
public:
    // matcher: not null; the model fills it.
    session_model(const session_definition& def, const session_limits& limits,
                  std::unique_ptr<question_matcher> matcher);

    const session_definition& definition() const { return def_; }
    const session_limits& limits() const { return limits_; }
    const session_status& status() const { return status_; }
    seq_t seq() const { return seq_; }

    const question* find(std::string_view id) const;
    std::size_t pending_count() const { return pending_count_; }
    const question_matcher& matcher() const { return *matcher_; }
    // The questions `who` may see, in speaker-queue order.
    std::vector<const question*> visible_questions(const identity& who) const;
    bool has_vote(std::string_view question_id, std::string_view participant) const;
    // Who voted for the question, sorted.
    std::vector<std::string> voters_of(std::string_view question_id) const;
    // Ids of the visible questions `who` voted for.
    std::vector<std::string> votes_of(const identity& who) const;
    std::size_t question_count() const { return questions_.size(); }
    // Every question in every state, in the order they were asked.
    const std::vector<question>& questions() const { return questions_; }
    const transcript_log& transcript() const { return transcript_; }
    const poll_book& polls() const { return polls_; }
    // The polls `who` may see, as they see them; and their own ballots.
    nlohmann::json polls_json_for(const identity& who) const;
    nlohmann::json ballots_json_of(const identity& who) const;

    // --- used by the commands ---
    change record(change_payload payload);  // gives it the next seq and applies it
    std::string next_question_id();
    bool ask_allowed(const std::string& participant, epoch_ms now);
    void ask_recorded(const std::string& participant, epoch_ms now);
    bool vote_allowed(const std::string& participant, epoch_ms now);
    bool similar_allowed(const std::string& participant, epoch_ms now);
    bool react_allowed(const std::string& participant, epoch_ms now);
    std::string next_poll_id();
    std::uint32_t participant_key(const std::string& participant);
    void note_partial(const transcript_segment& s) { transcript_.set_partial(s); }
    const question* highlighted() const;

    // --- rebuilding from the store ---
    void restore_status(const session_status& status, seq_t seq);
    void restore_question(question q);
    void restore_vote(const std::string& question_id, const std::string& participant);
    void restore_segment(const transcript_segment& s) { transcript_.apply_final(s); }
    void restore_poll(const poll& p);
    void restore_ballot(const std::string& poll_id, const std::string& participant, const ballot& choices);
    // A change another node sequenced (a cluster replica): applied as it was, its seq becomes the session's.
    void replay(const change& c);

private:
    struct participant_limits {
        sliding_window_limit asks;
        rate_limiter votes;
        rate_limiter reactions;
        rate_limiter similar;
    };
    void apply(const change_payload& payload);
    // Ids are "{session}.{n}" and "{session}.p{n}": the counters continue after the highest n.
    void note_question_id(const std::string& id);
    void note_poll_id(const std::string& id);
    question& mutable_question(const std::string& id);
    participant_limits& limits_of(const std::string& participant);

    const session_definition& def_;
    session_limits limits_;
    session_status status_;
    seq_t seq_ = 0;
    std::uint64_t question_counter_ = 0;
    std::uint64_t poll_counter_ = 0;
    transcript_log transcript_;
    poll_book polls_;
    std::vector<question> questions_;
    std::unordered_map<std::string, std::size_t> index_;
    std::unique_ptr<question_matcher> matcher_;
    std::size_t pending_count_ = 0;
    // Participant ids are interned: a vote storm stores small integers, not strings.
    std::unordered_map<std::string, std::uint32_t> participant_keys_;
    std::vector<std::string> participant_ids_;  // by key
    std::unordered_map<std::string, std::unordered_set<std::uint32_t>> voters_;
    std::unordered_map<std::uint32_t, participant_limits> participant_limits_;
};

}  // namespace veche::core
