#pragma once
// Where rooms make their changes durable. The hub sees only this interface;
// sqlite_event_store is the implementation (a shared PostgreSQL one can come
// later for several nodes).

#include "core/session_change.hpp"
#include "core/session_status.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace veche::store {

// The first reply to a request id, kept so a retry gets the same answer.
struct stored_request {
    std::string participant;
    std::string rid;
    std::string reply;  // the ack's fields, as JSON text
};

// What one room hands over in one go: its changes since the last batch.
struct write_batch {
    std::string session;
    core::session_status status;  // the session's status after these changes
    core::seq_t seq = 0;          // the session's sequence after these changes
    std::vector<core::change> changes;
    std::vector<stored_request> requests;
    std::map<std::string, std::int64_t> reaction_totals;  // kind → total so far; only the kinds that grew
};

class event_store {
public:
    virtual ~event_store() = default;
    // Makes the batch durable, in submission order, and then calls done(ok)
    // on the store's own thread. ok == false: nothing of it was stored.
    // The batch is shared: the room keeps it to publish the changes once they are durable.
    virtual void submit(std::shared_ptr<const write_batch> batch, std::function<void(bool ok)> done) = 0;
};

}  // namespace veche::store
