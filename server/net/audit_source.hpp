#pragma once
// Where audit.csv finds a session's audit trail, declared here so the net
// layer depends on no implementation (the app hands it the store's audit
// reader; tests may fake it).

#include <functional>
#include <optional>
#include <string>

namespace veche::net {

class audit_source {
public:
    virtual ~audit_source() = default;

    // Calls done, later and from any thread, with the session's audit.csv (formal ballots only when
    // with_ballots), or nothing when it could not be read.
    virtual void csv(std::string session, bool with_ballots,
                     std::function<void(std::optional<std::string>)> done) const = 0;
};

}  // namespace veche::net
