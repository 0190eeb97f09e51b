#include "veche_cluster.hpp"

#include "bench_config.hpp"
#include "staff_token.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace veche::bench {
namespace http = boost::beast::http;

veche_cluster::veche_cluster(const server_paths& paths, std::size_t nodes, int niceness) : paths_(paths) {
    std::string pattern = (std::filesystem::temp_directory_path() / "veche-bench-cluster-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot make a temp directory");
    dir_ = pattern;
    try {
        nats_ = std::make_unique<nats_process>();
        for (std::size_t i = 0; i < nodes; ++i) {
            auto config = bench_config((dir_ / (node_id(i) + "-data")).string());
            config["cluster"] = {{"nats", nats_->url()}, {"node", node_id(i)}, {"replicas", 1}};
            std::ofstream(config_path(i)) << config.dump(2);
            std::vector<std::string> args{"serve", "--config", config_path(i)};
            if (niceness == 0) {
                nodes_.push_back(std::make_unique<child_process>(paths.veche, args));
                continue;
            }
            args.insert(args.begin(), {"-n", std::to_string(niceness), paths.veche});
            nodes_.push_back(std::make_unique<child_process>("nice", args));  // nice execs the node: same pid
        }
    } catch (...) {
        stop();
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
        throw;
    }
}

veche_cluster::~veche_cluster() {
    stop();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

void veche_cluster::stop() {
    for (auto& n : nodes_) n->stop();
    if (nats_) nats_->stop();
}

std::string veche_cluster::tails() const {
    std::string out;
    for (std::size_t i = 0; i < nodes_.size(); ++i) out += "--- " + node_id(i) + " ---\n" + nodes_[i]->tail() + "\n";
    return out;
}

std::string veche_cluster::config_path(std::size_t node) const { return (dir_ / (node_id(node) + ".json")).string(); }

boost::asio::ip::tcp::endpoint veche_cluster::endpoint(std::size_t node) const {
    return {boost::asio::ip::make_address("127.0.0.1"), nodes_.at(node)->port()};
}

std::string veche_cluster::staff_token(const std::string& role) const {
    return mint_staff_token(paths_.veche, config_path(0), role);
}

std::optional<std::size_t> veche_cluster::owner(const std::string& session) const {
    try {
        boost::asio::io_context ioc;
        boost::asio::ip::tcp::socket socket(ioc);
        const auto ep = endpoint(0);
        socket.connect(ep);
        http::request<http::empty_body> req{http::verb::get, "/api/v1/sessions/" + session, 11};
        req.set(http::field::host, ep.address().to_string());
        http::write(socket, req);
        boost::beast::flat_buffer buffer;
        http::response<http::string_body> res;
        http::read(socket, buffer, res);
        if (res.result() != http::status::ok) return std::nullopt;
        const auto owner = nlohmann::json::parse(res.body()).value("owner", nlohmann::json());
        if (!owner.is_string()) return std::nullopt;
        for (std::size_t i = 0; i < nodes_.size(); ++i)
            if (node_id(i) == owner.get<std::string>()) return i;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

}  // namespace veche::bench
