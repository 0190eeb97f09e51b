#pragma once
// The rooms' store in a cluster: a batch of a session this node sequences is
// appended to the stream (fenced by the session's last stream sequence, so
// an append after another node's is refused), and the room learns it is
// committed once JetStream has stored it (with `replicas` copies). Batches
// that queue up meanwhile go out together (append_batcher), as many in one
// message as fit the NATS servers' max_payload. What does not belong in the
// log (new attendees alone, reaction totals alone, answers waiting their
// turn) commits without a message, in order with the appends.
//
// When NATS does not answer, the same append (same Nats-Msg-Id: harmless if
// the first one was stored) is tried again every 250 ms for up to 20 s (a
// JetStream leader election after a NATS server died can take ~10 s), and
// the answers wait; past that, or when fenced, the append fails and the room's
// owner stops the node (its replica holds changes the log does not), which
// rebuilds from the log when it starts again.

#include "cluster/append_batcher.hpp"
#include "cluster/cluster_metrics.hpp"
#include "cluster/stream_log.hpp"
#include "store/event_store.hpp"

#include <atomic>
#include <map>
#include <mutex>
#include <string>

namespace veche::cluster {

class jetstream_event_store : public store::event_store {
public:
    // A busy session's batches wait up to this long for the ones after them (a few hundred appends a second).
    static constexpr std::chrono::milliseconds linger{5};

    // node: this node's id, in every append's Nats-Msg-Id.
    jetstream_event_store(stream_log& log, std::string node, cluster_metrics& metrics);

    void append(std::shared_ptr<const store::write_batch> batch, std::function<void(bool)> committed) override;

    // This node sequences the session from now on; the session's last message in the stream is expected_last.
    void sequence(const std::string& session, std::uint64_t expected_last);
    // It does not any more: appends of the session fail from now on.
    void stop_sequencing(const std::string& session);
    // The stream sequence of the session's last append, as the sequencer expects it next (0: none).
    std::uint64_t expected_last(const std::string& session) const;
    // A batch of the session was read from the stream (any node's): its seq is committed.
    void note_committed(const std::string& session, core::seq_t seq);
    // The session's highest committed seq known here: what a forwarded answer waits for on the other node.
    core::seq_t committed_seq(const std::string& session) const;

private:
    struct session_state {
        bool sequencing = false;
        std::uint64_t expected_last = 0;
        core::seq_t committed_seq = 0;
    };
    void append_group(std::vector<append_batcher::queued>& group);
    // Appends one message of the session's batches (the highest seq in it: top); false when it failed.
    bool append_message(const std::string& session, const std::string& data, core::seq_t top, std::size_t batches);
    bool still_sequencing(const std::string& session) const;

    stream_log& log_;
    std::string node_;
    cluster_metrics& metrics_;
    mutable std::mutex mutex_;
    std::map<std::string, session_state, std::less<>> sessions_;
    append_batcher appends_;  // last: it stops before what its rounds use is gone
};

}  // namespace veche::cluster
