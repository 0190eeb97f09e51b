#pragma once

#include "net/audit_source.hpp"
#include "store/audit_reader.hpp"

namespace veche::app {

// audit.csv's view of the store.
class store_audit_source : public net::audit_source {
public:
    explicit store_audit_source(store::audit_reader& reader) : reader_(reader) {}

    void csv(std::string session, bool with_ballots, std::function<void(std::optional<std::string>)> done) const override {
        reader_.csv(std::move(session), with_ballots, std::move(done));
    }

private:
    store::audit_reader& reader_;
};

}  // namespace veche::app
