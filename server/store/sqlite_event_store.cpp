#include "store/sqlite_event_store.hpp"

#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "store/store_loader.hpp"
#include "store/store_schema.hpp"

#include <chrono>

namespace veche::store {

sqlite_event_store::sqlite_event_store(const std::string& path, metrics_registry& metrics,
                                       std::chrono::milliseconds request_ttl, durability d)
    : db_(path),
      request_ttl_(request_ttl),
      commit_seconds_(metrics.make_histogram("veche_store_commit_seconds",
                                             "Time to write and fsync one group commit",
                                             {0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1})),
      transactions_(metrics.make_counter("veche_store_transactions_total", "Group commits written")),
      batches_(metrics.make_counter("veche_store_batches_total", "Room batches made durable")),
      changes_(metrics.make_counter("veche_store_changes_total", "Changes made durable")),
      audit_entries_(metrics.make_counter("veche_store_audit_entries_total",
                                          "Entries of the audit trail made durable (with the changes they explain)")),
      failures_(metrics.make_counter("veche_store_failures_total", "Group commits that failed")),
      queued_(metrics.make_gauge("veche_store_queue_batches", "Room batches waiting for the writer")) {
    prepare_schema(db_, d);
    writer_ = std::make_unique<batch_writer>(db_);
}

sqlite_event_store::~sqlite_event_store() { stop(); }

std::map<std::string, stored_session> sqlite_event_store::load() {
    sqlite_statement times(db_.handle(),
                           "SELECT id, live_at_ms, ended_at_ms, replay_from_ms, replay_to_ms FROM sessions "
                           "WHERE live_at_ms IS NOT NULL");
    while (times.next_row()) {
        session_times t{times.integer(1), std::nullopt, std::nullopt};
        if (!times.is_null(2)) t.ended_at_ms = times.integer(2);
        if (!times.is_null(3) && !times.is_null(4)) t.corrected = core::replay_range{times.integer(3), times.integer(4)};
        times_.set(times.text(0), t);
    }
    return load_sessions(db_, now_ms() - request_ttl_.count());
}

void sqlite_event_store::start() {
    thread_ = std::thread([this] { run(); });
}

void sqlite_event_store::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void sqlite_event_store::append(std::shared_ptr<const write_batch> batch, std::function<void(bool)> committed) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(pending{std::move(batch), std::move(committed)});
        queued_.set(static_cast<std::int64_t>(queue_.size()));
    }
    wake_.notify_one();
}

void sqlite_event_store::run() {
    while (true) {
        std::deque<pending> group;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and nothing left to write
            group.swap(queue_);
            queued_.set(0);
        }
        bool ok = commit(group);
        if (!ok) {
            // One more try: a transient fault (a checkpoint holding a lock) should not cost an ack.
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            ok = commit(group);
        }
        if (!ok) failures_.inc();
        if (ok)
            for (const auto& p : group)
                for (const auto& c : p.batch->changes)
                    if (const auto* sc = std::get_if<core::session_changed>(&c.payload))
                        times_.note(p.batch->session, sc->status, p.batch->at);
        for (auto& p : group) p.done(ok);
        forget_old_requests();
    }
}

void sqlite_event_store::forget_old_requests() {
    const auto now = std::chrono::steady_clock::now();
    if (now < next_forget_) return;
    next_forget_ = now + std::chrono::hours(1);
    try {
        sqlite_statement forget(db_.handle(), "DELETE FROM request_batches WHERE at_ms < ?1");
        forget.bind(1, now_ms() - request_ttl_.count()).run();
    } catch (const store_error& e) {
        // Only space is lost: the rows are not read back anyway.
        log::warn("store: could not delete old request ids: ", e.what());
    }
}

bool sqlite_event_store::commit(const std::deque<pending>& group) {
    const auto start = std::chrono::steady_clock::now();
    try {
        db_.exec("BEGIN IMMEDIATE");
        try {
            for (const auto& p : group) writer_->write(*p.batch);
            db_.exec("COMMIT");
        } catch (...) {
            try {
                db_.exec("ROLLBACK");
            } catch (const store_error&) {
                // Nothing left to roll back: the failed statement already ended the transaction.
            }
            throw;
        }
    } catch (const store_error& e) {
        log::error("store: commit of ", group.size(), " batches failed: ", e.what());
        return false;
    }
    const auto took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    commit_seconds_.observe(took);
    transactions_.inc();
    batches_.inc(group.size());
    std::size_t changes = 0, audited = 0;
    for (const auto& p : group) {
        changes += p.batch->changes.size();
        audited += p.batch->audit.size();
    }
    changes_.inc(changes);
    audit_entries_.inc(audited);
    return true;
}

}  // namespace veche::store
