#pragma once
// SQLite in WAL mode with one writer thread and group commit: everything
// submitted while a commit runs goes into the next transaction, so the fsync
// cost is shared by every batch waiting, and an idle store commits at once.

#include "common/metrics_registry.hpp"
#include "store/batch_writer.hpp"
#include "store/event_store.hpp"
#include "store/session_times.hpp"
#include "store/sqlite_connection.hpp"
#include "store/store_schema.hpp"
#include "store/stored_session.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace veche::store {

class sqlite_event_store : public event_store {
public:
    // Opens (creating if needed) the database file; throws store_error. Request ids
    // answered longer than request_ttl ago are neither read back nor kept.
    sqlite_event_store(const std::string& path, metrics_registry& metrics,
                       std::chrono::milliseconds request_ttl = std::chrono::hours(24),
                       durability d = durability::fsynced);
    ~sqlite_event_store() override;

    // Everything stored so far; call before start().
    std::map<std::string, stored_session> load();

    void start();
    // Commits everything already submitted, then stops the writer thread.
    void stop();

    void append(std::shared_ptr<const write_batch> batch, std::function<void(bool committed)> committed) override;

    // When each session went live and ended, as committed; safe from any thread.
    const session_times_book& times() const { return times_; }

private:
    struct pending {
        std::shared_ptr<const write_batch> batch;
        std::function<void(bool)> done;
    };
    void run();
    bool commit(const std::deque<pending>& group);
    // Deletes the request batches past request_ttl (at most once an hour).
    void forget_old_requests();

    sqlite_connection db_;
    std::chrono::milliseconds request_ttl_;
    std::unique_ptr<batch_writer> writer_;
    std::chrono::steady_clock::time_point next_forget_{};
    session_times_book times_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<pending> queue_;
    bool stopping_ = false;
    std::thread thread_;

    histogram& commit_seconds_;
    counter& transactions_;
    counter& batches_;
    counter& changes_;
    counter& audit_entries_;
    counter& failures_;
    gauge& queued_;
};

}  // namespace veche::store
