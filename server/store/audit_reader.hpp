#pragma once
// Reads a session's audit trail back as audit.csv, on a thread of its own
// with a connection of its own: a long trail holds up neither the writer, the
// rooms nor a network thread. It reads a page of rows at a time, each in a
// read transaction of its own, so a long export never keeps the WAL from
// being checkpointed, and other exports take their turns between its pages.

#include "common/job_thread.hpp"
#include "common/metrics_registry.hpp"
#include "core/session_change.hpp"
#include "store/sqlite_connection.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace veche::store {

class audit_reader {
public:
    // The whole audit.csv, or nothing when the store could not be read.
    using csv_handler = std::function<void(std::optional<std::string> csv)>;

    // Opens the database the store has prepared (throws store_error) and starts the thread.
    audit_reader(const std::string& path, metrics_registry& metrics, std::size_t page_rows = 2000);

    // Calls done from the reader's thread with every entry of the session committed so far, in order;
    // the ballots of formal polls only when with_ballots (they say who voted how: admins only).
    void csv(std::string session, bool with_ballots, csv_handler done);

private:
    struct export_job {
        std::string session;
        bool with_ballots = false;
        csv_handler done;
        std::string text;
        core::seq_t after = 0;  // the rows up to this seq are in text
        std::chrono::steady_clock::time_point started;
    };
    // Reads the next page into the job, then posts the rest or answers.
    void next_page(const std::shared_ptr<export_job>& job);

    sqlite_connection db_;
    sqlite_statement page_;
    std::size_t page_rows_;
    histogram& export_seconds_;
    counter& exports_;
    job_thread worker_;  // last: it stops before the rest is gone
};

}  // namespace veche::store
