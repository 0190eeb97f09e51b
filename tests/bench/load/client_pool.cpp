#include "client_pool.hpp"

#include <boost/asio/post.hpp>

#include <future>

namespace veche::bench {
namespace asio = boost::asio;

// Wraps the scenario's handler to start the next connection of a shard when
// one finishes its handshake (or fails), keeping `in_flight` at most waiting.
class client_pool::gate : public client_handler {
public:
    gate(client_handler& inner, asio::ip::tcp::endpoint server) : inner_(inner), server_(std::move(server)) {}

    void add(std::shared_ptr<ws_client> c) { queue_.push_back(std::move(c)); }

    void start(std::size_t in_flight) {
        for (std::size_t i = 0; i < in_flight; ++i) next();
    }
    void on_open(ws_client& c) override {
        inner_.on_open(c);
        next();
    }
    void on_frame(ws_client& c, std::string_view text, std::int64_t now_us) override {
        inner_.on_frame(c, text, now_us);
    }
    void on_close(ws_client& c, std::uint16_t code, std::string_view what) override {
        const bool was_opening = what == "connect" || what == "handshake";
        inner_.on_close(c, code, what);
        if (was_opening) next();
    }

private:
    void next() {
        if (at_ < queue_.size()) queue_[at_++]->open(server_);
    }

    client_handler& inner_;
    asio::ip::tcp::endpoint server_;
    std::vector<std::shared_ptr<ws_client>> queue_;
    std::size_t at_ = 0;
};

client_pool::client_pool(std::size_t threads) {
    for (std::size_t i = 0; i < std::max<std::size_t>(threads, 1); ++i) {
        contexts_.push_back(std::make_unique<asio::io_context>(1));
        guards_.push_back(asio::make_work_guard(*contexts_.back()));
    }
    for (auto& ctx : contexts_) threads_.emplace_back([c = ctx.get()] { c->run(); });
}

client_pool::~client_pool() { stop(); }

void client_pool::open(const asio::ip::tcp::endpoint& server, std::size_t first, std::size_t count,
                       client_handler& handler, std::size_t in_flight) {
    const auto shards = contexts_.size();
    if (clients_.size() < first + count) clients_.resize(first + count);
    for (std::size_t shard = 0; shard < shards; ++shard) {
        // Each client reports to its shard's gate, which passes everything on to the handler.
        auto g = std::make_shared<gate>(handler, server);
        for (std::size_t i = first; i < first + count; ++i) {
            if (i % shards != shard) continue;
            clients_[i] = std::make_shared<ws_client>(*contexts_[shard], i, shard, *g);
            g->add(clients_[i]);
        }
        gates_.push_back(g);
        const auto share = std::max<std::size_t>(1, in_flight / shards);
        asio::post(*contexts_[shard], [g, share] { g->start(share); });
    }
}

std::shared_ptr<ws_client> client_pool::client(std::size_t index) const {
    return index < clients_.size() ? clients_[index] : nullptr;
}

void client_pool::on_each_shard(const std::function<void(std::size_t)>& f) {
    std::vector<std::future<void>> done;
    for (std::size_t shard = 0; shard < contexts_.size(); ++shard) {
        auto p = std::make_shared<std::promise<void>>();
        done.push_back(p->get_future());
        asio::post(*contexts_[shard], [p, &f, shard] {
            f(shard);
            p->set_value();
        });
    }
    for (auto& d : done) d.wait();
}

void client_pool::post_to(std::size_t index, std::function<void()> f) {
    asio::post(*contexts_[index % contexts_.size()], std::move(f));
}

void client_pool::stop() {
    if (stopped_) return;
    stopped_ = true;
    on_each_shard([this](std::size_t shard) {
        for (std::size_t i = shard; i < clients_.size(); i += contexts_.size())
            if (clients_[i]) clients_[i]->close();
    });
    for (auto& g : guards_) g.reset();
    for (auto& ctx : contexts_) ctx->stop();
    for (auto& t : threads_) t.join();
    clients_.clear();
    gates_.clear();
}

}  // namespace veche::bench
