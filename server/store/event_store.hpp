#pragma once
// Where rooms make their changes durable. The hub sees only this interface:
// a room appends what it changed and learns when it is committed.
// sqlite_event_store is the implementation for one machine.

#include "core/audit_entry.hpp"
#include "core/session_change.hpp"
#include "core/session_status.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace veche::store {

// The first answer to a request id, kept so a retry gets the same answer.
struct stored_request {
    std::string participant;
    std::string rid;
    std::string reply;  // the ack's fields, as JSON text
};

// What one room hands over in one go: its changes since the last batch.
struct write_batch {
    std::string session;
    // When the room handed it over: the time of every change in it, for the events' at_ms, the session's
    // log and the times it went live and ended (one clock for all three, so a replay places each event).
    core::epoch_ms at = 0;
    core::session_status status;  // the session's status after these changes
    core::seq_t seq = 0;          // the session's sequence after these changes
    std::vector<core::change> changes;
    std::vector<core::audit_entry> audit;  // the audit trail's entries of these changes
    std::vector<stored_request> requests;
    std::map<std::string, std::int64_t> reaction_totals;  // kind → total so far; only the kinds that grew
    std::vector<std::pair<std::string, std::string>> attendees;  // (participant, region): new people, new regions
};

class event_store {
public:
    virtual ~event_store() = default;
    // Appends the batch after every batch appended before it, and calls
    // committed(true) from a thread of the store's own once it is durable.
    // committed(false): nothing of it was stored. The batch is shared: the
    // room keeps it to publish the changes once they are durable.
    virtual void append(std::shared_ptr<const write_batch> batch, std::function<void(bool committed)> committed) = 0;
};

}  // namespace veche::store
