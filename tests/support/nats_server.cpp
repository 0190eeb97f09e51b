#include "support/nats_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace veche::test {

std::uint16_t free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
                    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0;
    ::close(fd);
    if (!ok) throw std::runtime_error("no free port");
    return ntohs(a.sin_port);
}

nats_server::nats_server() : own_dir_(std::make_unique<temp_dir>()), store_dir_(own_dir_->path()), port_(free_port()) {
    start();
}

nats_server::nats_server(std::vector<std::string> extra_args)
    : own_dir_(std::make_unique<temp_dir>()), store_dir_(own_dir_->path()), extra_args_(std::move(extra_args)),
      port_(free_port()) {
    start();
}

nats_server::nats_server(std::filesystem::path store_dir, routes r)
    : store_dir_(std::move(store_dir)), routes_(std::move(r)), port_(free_port()) {
    start();
}

void nats_server::start() {
    if (process_) return;
    std::vector<std::string> args{"-js", "-a", "127.0.0.1", "-p", std::to_string(port_), "-sd", store_dir_.string()};
    if (!routes_.cluster_name.empty()) {
        std::string peers;
        for (auto p : routes_.peers) peers += (peers.empty() ? "" : ",") + std::string("nats://127.0.0.1:") + std::to_string(p);
        args.insert(args.end(), {"--name", routes_.server_name, "--cluster_name", routes_.cluster_name, "--cluster",
                                 "nats://127.0.0.1:" + std::to_string(routes_.cluster_port), "--routes", peers});
    }
    args.insert(args.end(), extra_args_.begin(), extra_args_.end());
    process_ = std::make_unique<server_process>("nats-server", args, "Server is ready");
}

void nats_server::stop(int signal) {
    if (!process_) return;
    process_->stop(signal);
    process_.reset();
}

nats_cluster::nats_cluster() {
    std::array<std::uint16_t, size> cluster_ports{};
    for (auto& p : cluster_ports) p = free_port();
    for (std::size_t i = 0; i < size; ++i) {
        nats_server::routes r{"veche-test", "n" + std::to_string(i + 1), cluster_ports[i], {}};
        for (std::size_t j = 0; j < size; ++j)
            if (j != i) r.peers.push_back(cluster_ports[j]);
        servers_[i] = std::make_unique<nats_server>(dir_ / r.server_name, r);
    }
}

std::string nats_cluster::urls() const {
    std::string out;
    for (const auto& s : servers_) out += (out.empty() ? "" : ",") + s->url();
    return out;
}

}  // namespace veche::test
