#include "target_server.hpp"

#include "bench_config.hpp"
#include "staff_token.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace veche::bench {

const char* to_string(server_kind k) { return k == server_kind::veche ? "veche" : "ws-reference"; }

std::unique_ptr<child_process> target_server::launch(const std::string& program, std::vector<std::string> args) const {
    if (paths_.cpus.empty()) return std::make_unique<child_process>(program, args);
    args.insert(args.begin(), {"-c", paths_.cpus, program});
    return std::make_unique<child_process>("taskset", args);  // taskset execs the server: same pid
}

target_server::target_server(server_kind kind, const server_paths& paths) : kind_(kind), paths_(paths) {
    if (kind == server_kind::reference) {
        process_ = launch(paths.node, {paths.reference_script, "0"});
        return;
    }
    std::string pattern = (std::filesystem::temp_directory_path() / "veche-bench-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot make a temp directory");
    dir_ = pattern;
    config_path_ = (dir_ / "bench.json").string();
    std::ofstream(config_path_) << bench_config((dir_ / "data").string()).dump(2);
    process_ = launch(paths.veche, {"serve", "--config", config_path_});
}

double target_server::restart() {
    if (kind_ != server_kind::veche) throw std::logic_error("only Veche restarts");
    process_->stop(std::chrono::seconds(30));
    const auto start = std::chrono::steady_clock::now();
    process_ = launch(paths_.veche, {"serve", "--config", config_path_});
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

target_server::~target_server() {
    process_.reset();
    if (!dir_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
}

boost::asio::ip::tcp::endpoint target_server::endpoint() const {
    return {boost::asio::ip::make_address("127.0.0.1"), process_->port()};
}

std::string target_server::staff_token(const std::string& role) const {
    if (kind_ != server_kind::veche) throw std::logic_error("the reference has no tokens");
    return mint_staff_token(paths_.veche, config_path_, role);
}

}  // namespace veche::bench
