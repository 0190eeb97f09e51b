#pragma once
// The forum's log: one JetStream stream, subjects veche.{event}.ev.{session},
// each message one batch of one session. An append names the stream sequence
// of the session's last message it knows (Nats-Expected-Last-Subject-Sequence):
// a node that lost its lease without knowing it, and so missed another
// node's append, is refused (fencing). Its Nats-Msg-Id makes a retry of the
// same append (after a timeout) harmless within the duplicate window.
// Calls block (up to the JetStream wait).

#include "cluster/nats_link.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace veche::cluster {

class stream_log {
public:
    // Creates the stream or binds to it (and sets its replicas). Throws cluster_error.
    stream_log(nats_link& link, const std::string& event, int replicas);

    const std::string& name() const { return name_; }
    std::string subject_of(const std::string& session) const { return prefix_ + session; }
    // Every session's subject, for a consumer.
    std::string all_subjects() const { return prefix_ + "*"; }

    // too_large: over the NATS servers' max_payload, refused whatever the retries.
    enum class outcome { stored, fenced, too_large, unavailable };
    struct append_result {
        outcome result = outcome::unavailable;
        std::uint64_t sequence = 0;  // the message's stream sequence, when stored
        bool duplicate = false;      // a retry of an append already stored
    };
    append_result append(const std::string& session, const std::string& data, std::uint64_t expected_last,
                         const std::string& message_id);
    // The most a message may hold: the NATS servers' max_payload, less room for the headers (0: not known now).
    std::size_t max_message_bytes() const;
    // The stream sequence of the session's last message (0: none yet), or nothing when NATS did not answer.
    std::optional<std::uint64_t> last_sequence(const std::string& session);
    // The stream's last sequence (0: empty), or nothing when NATS did not answer.
    std::optional<std::uint64_t> stream_end();

private:
    nats_link& link_;
    std::string name_;
    std::string prefix_;
};

}  // namespace veche::cluster
