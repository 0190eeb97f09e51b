#include "cluster/jetstream_event_store.hpp"

#include "cluster/batch_codec.hpp"
#include "common/log.hpp"

#include <chrono>
#include <thread>

namespace veche::cluster {
namespace {

constexpr auto retry_every = std::chrono::milliseconds(250);
constexpr auto give_up_after = std::chrono::seconds(20);

}  // namespace

jetstream_event_store::jetstream_event_store(stream_log& log, std::string node, cluster_metrics& metrics)
    : log_(log), node_(std::move(node)), metrics_(metrics) {}

void jetstream_event_store::append(std::shared_ptr<const store::write_batch> batch,
                                   std::function<void(bool)> committed) {
    appends_.post([this, batch = std::move(batch), committed = std::move(committed)] { append_now(*batch, committed); });
}

void jetstream_event_store::append_now(const store::write_batch& batch, const std::function<void(bool)>& committed) {
    if (batch.changes.empty() && batch.requests.empty() && batch.audit.empty()) return committed(true);
    const auto data = batch_text(batch);
    const auto expected = expected_last(batch.session);
    // The node and the position in the session's log name the append: a retry is the same message (stored
    // once), another append is not. Without the node, two nodes appending at the same position (one of them
    // without its lease) would look like one retrying, and the second would take the first's ack for its own.
    const auto id = node_ + ":" + batch.session + ":" + std::to_string(expected);
    const auto deadline = std::chrono::steady_clock::now() + give_up_after;
    while (still_sequencing(batch.session)) {
        const auto r = log_.append(batch.session, data, expected, id);
        if (r.result == stream_log::outcome::stored) {
            {
                std::lock_guard lock(mutex_);
                auto& s = sessions_[batch.session];
                s.expected_last = r.sequence;
                s.committed_seq = std::max(s.committed_seq, batch.seq);
            }
            metrics_.appends.inc();
            return committed(true);
        }
        if (r.result == stream_log::outcome::fenced) {
            metrics_.appends_fenced.inc();
            log::error("cluster: session ", batch.session, ": append refused, another node appended first (fenced)");
            stop_sequencing(batch.session);
            return committed(false);
        }
        if (r.result == stream_log::outcome::too_large) {
            metrics_.append_failures.inc();
            log::error("cluster: session ", batch.session, ": a batch of ", data.size(),
                       " bytes is over the NATS servers' max_payload");
            return committed(false);
        }
        if (std::chrono::steady_clock::now() >= deadline) break;
        metrics_.append_retries.inc();
        std::this_thread::sleep_for(retry_every);
    }
    metrics_.append_failures.inc();
    log::error("cluster: session ", batch.session, ": could not append a batch (NATS unreachable, or the lease lost)");
    committed(false);
}

void jetstream_event_store::sequence(const std::string& session, std::uint64_t expected_last) {
    std::lock_guard lock(mutex_);
    auto& s = sessions_[session];
    s.sequencing = true;
    s.expected_last = expected_last;
}

void jetstream_event_store::stop_sequencing(const std::string& session) {
    std::lock_guard lock(mutex_);
    sessions_[session].sequencing = false;
}

bool jetstream_event_store::still_sequencing(const std::string& session) const {
    std::lock_guard lock(mutex_);
    const auto it = sessions_.find(session);
    return it != sessions_.end() && it->second.sequencing;
}

std::uint64_t jetstream_event_store::expected_last(const std::string& session) const {
    std::lock_guard lock(mutex_);
    const auto it = sessions_.find(session);
    return it == sessions_.end() ? 0 : it->second.expected_last;
}

void jetstream_event_store::note_committed(const std::string& session, core::seq_t seq) {
    std::lock_guard lock(mutex_);
    auto& s = sessions_[session];
    s.committed_seq = std::max(s.committed_seq, seq);
}

core::seq_t jetstream_event_store::committed_seq(const std::string& session) const {
    std::lock_guard lock(mutex_);
    const auto it = sessions_.find(session);
    return it == sessions_.end() ? 0 : it->second.committed_seq;
}

}  // namespace veche::cluster
