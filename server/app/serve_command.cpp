#include "app/serve_command.hpp"

#include "app/command_line.hpp"
#include "app/demo_config.hpp"
#include "app/forum_server.hpp"
#include "app/secret_exposure.hpp"
#include "common/log.hpp"
#include "config/config_error.hpp"
#include "config/settings_loader.hpp"
#include "store/sqlite_connection.hpp"

#include <boost/asio/signal_set.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>

namespace veche::app {
namespace {

std::optional<std::string> env_secret() {
    if (const char* s = std::getenv("VECHE_SECRET"); s && *s) return std::string(s);
    return std::nullopt;
}

// Reads the config and applies the command-line overrides; prints the one-line fault and returns nothing on error.
std::optional<config::settings> load(const command_line& cl) {
    const auto path = cl.get("config");
    const std::string name = path.value_or(demo_config_name);
    try {
        auto s = path ? config::load_settings_file(*path, env_secret())
                      : config::parse_settings(demo_config_text, env_secret());
        s.file = name;
        if (const auto listen = cl.get("listen")) {
            const auto addr = config::listen_address::parse(*listen);
            if (!addr) throw config::config_error("--listen", "\"" + *listen + "\" is not HOST:PORT");
            s.listen = *addr;
        }
        if (const auto data = cl.get("data")) {
            if (data->empty()) throw config::config_error("--data", "must not be empty");
            s.data_dir = *data;
        }
        std::error_code ec;
        std::filesystem::create_directories(s.data_dir, ec);
        if (ec || !std::filesystem::is_directory(s.data_dir))
            throw config::config_error("data_dir", "cannot create directory \"" + s.data_dir + "\": " + ec.message());
        return s;
    } catch (const config::config_error& e) {
        std::cerr << "veche: " << name << ": " << e.what() << '\n';
        return std::nullopt;
    }
}

}  // namespace

int serve_command(const std::vector<std::string>& args) {
    const command_line cl(args, {"config", "listen", "data"});
    const auto loaded = load(cl);
    if (!loaded) return 2;
    const auto& settings = *loaded;
    log::info("starting: config ", settings.file, ", data directory ", settings.data_dir, ", ",
              settings.event.halls.size(), " halls, ", settings.event.sessions.size(), " sessions");
    if (const auto path = cl.get("config")) warn_if_secret_exposed(*path, settings.auth);

    const auto threads = settings.http.threads;
    boost::asio::io_context ioc(static_cast<int>(threads));
    std::unique_ptr<forum_server> owned;
    try {
        owned = std::make_unique<forum_server>(ioc, settings);
    } catch (const store::store_error& e) {
        log::error("cannot use the data directory ", settings.data_dir, ": ", e.what());
        return 1;
    } catch (const cluster::cluster_error& e) {
        log::error("cluster: ", e.what());
        return 1;
    }
    auto& server = *owned;

    net::tcp::endpoint endpoint;
    try {
        endpoint = server.start();
    } catch (const boost::system::system_error& e) {
        log::error("cannot listen on ", settings.listen.to_string(), ": ", e.code().message());
        return 1;
    }

    boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
    bool stopping = false;
    std::function<void(const boost::system::error_code&, int)> on_signal;
    on_signal = [&](const boost::system::error_code& ec, int signal) {
        if (ec) return;
        if (stopping) {
            log::warn("second signal ", signal, ": stopping at once");
            ioc.stop();
            return;
        }
        stopping = true;
        log::info("signal ", signal, ": draining connections");
        server.drain(std::chrono::seconds(3), [&] {
            signals.cancel();
            ioc.stop();
        });
        signals.async_wait(on_signal);
    };
    signals.async_wait(on_signal);

    const auto host = endpoint.address().to_string();
    log::info("listening on ", endpoint.address().is_v6() ? "[" + host + "]" : host, ":", endpoint.port());

    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : pool) t.join();
    log::info("stopped");
    return 0;
}

}  // namespace veche::app
