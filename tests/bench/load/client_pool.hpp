#pragma once
// The generator's connections, spread over a few threads (one io_context
// each: a client and its handler calls stay on one thread, so per-thread
// statistics need no locks). Connections are opened with a bound on how many
// handshakes are in flight, so a run of 15,000 does not flood the server's
// accept backlog.

#include "ws_client.hpp"

#include <boost/asio/executor_work_guard.hpp>

#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace veche::bench {

class client_pool {
public:
    explicit client_pool(std::size_t threads);
    ~client_pool();
    client_pool(const client_pool&) = delete;
    client_pool& operator=(const client_pool&) = delete;

    std::size_t threads() const { return contexts_.size(); }
    boost::asio::io_context& context(std::size_t shard) { return *contexts_[shard]; }

    // Opens `count` clients numbered first, first+1, …; client i lives on shard i % threads.
    // At most `in_flight` handshakes wait at once. Returns at once; the handler hears of each.
    void open(const boost::asio::ip::tcp::endpoint& server, std::size_t first, std::size_t count,
              client_handler& handler, std::size_t in_flight = 256);
    // The client with that number (after open()).
    std::shared_ptr<ws_client> client(std::size_t index) const;
    std::size_t size() const { return clients_.size(); }

    // Runs f(shard) on every shard's thread and waits for all of them.
    void on_each_shard(const std::function<void(std::size_t shard)>& f);
    // Runs f on the client's thread (from any thread).
    void post_to(std::size_t index, std::function<void()> f);
    // Closes every client and stops the threads.
    void stop();

private:
    class gate;
    std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
    std::vector<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guards_;
    std::vector<std::thread> threads_;
    std::vector<std::shared_ptr<ws_client>> clients_;
    std::vector<std::shared_ptr<gate>> gates_;
    bool stopped_ = false;
};

}  // namespace veche::bench
