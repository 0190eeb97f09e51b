#include "net/send_queue.hpp"

namespace veche::net {

send_queue::push_result send_queue::push(hub::frame f) {
    std::lock_guard lock(mutex_);
    if (closed_) return push_result::closed;
    if (bytes_ + f->size() > max_bytes_) {
        close_locked();
        return push_result::overflow;
    }
    bytes_ += f->size();
    frames_.push_back(std::move(f));
    if (writing_) return push_result::queued;
    writing_ = true;
    return push_result::start_writing;
}

hub::frame send_queue::next() {
    std::lock_guard lock(mutex_);
    if (frames_.empty()) {
        writing_ = false;
        return nullptr;
    }
    writing_ = true;
    return frames_.front();
}

void send_queue::written() {
    std::lock_guard lock(mutex_);
    if (frames_.empty()) return;
    bytes_ -= frames_.front()->size();
    frames_.pop_front();
}

void send_queue::seal() {
    std::lock_guard lock(mutex_);
    closed_ = true;
}

void send_queue::close() {
    std::lock_guard lock(mutex_);
    close_locked();
}

void send_queue::close_locked() {
    closed_ = true;
    // Keep only the frame in flight (if any): the rest will never be sent.
    if (writing_ && !frames_.empty()) {
        auto in_flight = std::move(frames_.front());
        frames_.clear();
        bytes_ = in_flight->size();
        frames_.push_back(std::move(in_flight));
    } else {
        frames_.clear();
        bytes_ = 0;
    }
}

std::size_t send_queue::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

}  // namespace veche::net
