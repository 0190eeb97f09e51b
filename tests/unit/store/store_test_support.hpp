#pragma once
// What the store's unit tests share.

#include "store/sqlite_event_store.hpp"

#include <future>
#include <memory>

namespace veche::test {

// Appends the batch and waits for the store's answer: whether it was committed.
inline bool submit_and_wait(store::sqlite_event_store& s, store::write_batch b) {
    std::promise<bool> done;
    s.append(std::make_shared<store::write_batch>(std::move(b)), [&](bool ok) { done.set_value(ok); });
    return done.get_future().get();
}

}  // namespace veche::test
