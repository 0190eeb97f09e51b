#pragma once
// Where timeline.json finds a session's stored events as participants saw
// them, declared here so the net layer depends on no implementation (the app
// hands it the store's timeline reader; tests fake it).

#include <functional>
#include <memory>
#include <string>

namespace veche::net {

class timeline_source {
public:
    virtual ~timeline_source() = default;

    // Calls done, later and from any thread, with the items as JSON text ([{"seq","at_ms","kind","data"},…])
    // or null when they could not be read.
    virtual void items(std::string session, std::function<void(std::shared_ptr<const std::string>)> done) const = 0;
};

}  // namespace veche::net
