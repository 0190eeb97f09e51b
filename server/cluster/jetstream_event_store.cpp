#include "cluster/jetstream_event_store.hpp"

#include "cluster/batch_codec.hpp"
#include "common/log.hpp"

#include <chrono>
#include <thread>

namespace veche::cluster {
namespace {

constexpr auto retry_every = std::chrono::milliseconds(250);
constexpr auto give_up_after = std::chrono::seconds(20);

bool for_the_log(const store::write_batch& b) {
    return !b.changes.empty() || !b.requests.empty() || !b.audit.empty();
}

}  // namespace

jetstream_event_store::jetstream_event_store(stream_log& log, std::string node, cluster_metrics& metrics)
    : log_(log),
      node_(std::move(node)),
      metrics_(metrics),
      appends_(linger, [this](std::vector<append_batcher::queued>& group) { append_group(group); }) {}

void jetstream_event_store::append(std::shared_ptr<const store::write_batch> batch,
                                   std::function<void(bool)> committed) {
    appends_.post({std::move(batch), std::move(committed)});
}

void jetstream_event_store::append_group(std::vector<append_batcher::queued>& group) {
    const auto& session = group.front().batch->session;
    const auto most = log_.max_message_bytes();
    std::size_t first = 0;
    while (first < group.size()) {
        // The batches from `first` on that fit one message; one alone always goes (too large, it fails).
        std::vector<std::string> texts;
        std::size_t bytes = 2;
        core::seq_t top = 0;
        auto end = first;
        for (; end < group.size(); ++end) {
            const auto& b = *group[end].batch;
            if (!for_the_log(b)) continue;
            auto text = batch_text(b);
            if (!texts.empty() && bytes + text.size() + 1 > most) break;
            bytes += text.size() + 1;
            texts.push_back(std::move(text));
            top = std::max(top, b.seq);
        }
        const bool ok = texts.empty() || append_message(session, message_text(texts), top, texts.size());
        for (; first < end; ++first) group[first].committed(ok);
    }
}

bool jetstream_event_store::append_message(const std::string& session, const std::string& data, core::seq_t top,
                                           std::size_t batches) {
    const auto expected = expected_last(session);
    // The node and the position in the session's log name the append: a retry is the same message (stored
    // once), another append is not. Without the node, two nodes appending at the same position (one of them
    // without its lease) would look like one retrying, and the second would take the first's ack for its own.
    const auto id = node_ + ":" + session + ":" + std::to_string(expected);
    const auto deadline = std::chrono::steady_clock::now() + give_up_after;
    while (still_sequencing(session)) {
        const auto r = log_.append(session, data, expected, id);
        if (r.result == stream_log::outcome::stored) {
            {
                std::lock_guard lock(mutex_);
                auto& s = sessions_[session];
                s.expected_last = r.sequence;
                s.committed_seq = std::max(s.committed_seq, top);
            }
            metrics_.appends.inc();
            metrics_.appended_batches.inc(batches);
            return true;
        }
        if (r.result == stream_log::outcome::fenced) {
            metrics_.appends_fenced.inc();
            log::error("cluster: session ", session, ": append refused, another node appended first (fenced)");
            stop_sequencing(session);
            return false;
        }
        if (r.result == stream_log::outcome::too_large) {
            metrics_.appends_too_large.inc();
            log::error("cluster: session ", session, ": a message of ", data.size(),
                       " bytes is over the NATS servers' max_payload");
            return false;
        }
        if (std::chrono::steady_clock::now() >= deadline) break;
        metrics_.append_retries.inc();
        std::this_thread::sleep_for(retry_every);
    }
    metrics_.append_failures.inc();
    log::error("cluster: session ", session, ": could not append a batch (NATS unreachable, or the lease lost)");
    return false;
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
