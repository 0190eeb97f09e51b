#pragma once
// Hands immutable snapshots from the media thread to network threads. The
// lock only guards the swap of one pointer; readers never wait for a writer
// doing real work.

#include <memory>
#include <mutex>

namespace veche::media {

template <typename T>
class snapshot_slot {
public:
    void store(std::shared_ptr<const T> value) {
        std::lock_guard lock(mutex_);
        value_.swap(value);
    }
    std::shared_ptr<const T> load() const {
        std::lock_guard lock(mutex_);
        return value_;
    }

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const T> value_;
};

}  // namespace veche::media
