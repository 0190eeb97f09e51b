#pragma once
// Reads sessions' logs (session_log) back as participants saw them
// (core::participant_timeline), on a thread of its own with a connection of
// its own: a long log never holds up the writer, the rooms or a network
// thread. Each session's rendering is kept and extended with the rows stored
// since, so asking again costs only what is new.

#include "common/job_thread.hpp"
#include "common/metrics_registry.hpp"
#include "core/event_definition.hpp"
#include "core/participant_timeline.hpp"
#include "store/sqlite_connection.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace veche::store {

class timeline_reader {
public:
    // The items of a timeline ([{"seq","at_ms","kind","data"},…] as JSON text), or nothing when the session is
    // unknown or the store could not be read.
    using items_handler = std::function<void(std::shared_ptr<const std::string> items)>;

    // Opens the database the store has prepared (throws store_error) and starts the thread.
    timeline_reader(const std::string& path, const core::event_definition& event, metrics_registry& metrics);

    // Calls done from the reader's thread with everything committed so far.
    void items(std::string session, items_handler done);

private:
    struct rendering {
        core::participant_timeline timeline;
        core::seq_t read_to = 0;                  // the rows up to this seq were read (and added, when readable)
        std::shared_ptr<const std::string> text;  // the items as rendered when read_to was text_seq
        core::seq_t text_seq = 0;
    };
    std::shared_ptr<const std::string> items_of(const std::string& session);

    sqlite_connection db_;
    sqlite_statement rows_after_;
    const core::event_definition& event_;
    std::map<std::string, rendering> renderings_;  // the reader's thread only
    histogram& read_seconds_;
    counter& unreadable_;
    job_thread worker_;  // last: it stops before the rest is gone
};

}  // namespace veche::store
