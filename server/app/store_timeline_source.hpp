#pragma once

#include "net/timeline_source.hpp"
#include "store/timeline_reader.hpp"

namespace veche::app {

// timeline.json's view of the store.
class store_timeline_source : public net::timeline_source {
public:
    explicit store_timeline_source(store::timeline_reader& reader) : reader_(reader) {}

    void items(std::string session, std::function<void(std::shared_ptr<const std::string>)> done) const override {
        reader_.items(std::move(session), std::move(done));
    }

private:
    store::timeline_reader& reader_;
};

}  // namespace veche::app
