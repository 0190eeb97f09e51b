// veche: the live-forum server. See README.md and docs/.
#include "app/command_line.hpp"
#include "app/serve_command.hpp"
#include "app/token_command.hpp"

#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char* usage =
    "usage:\n"
    "  veche serve [--config PATH] [--listen HOST:PORT] [--data DIR]\n"
    "  veche token [--config PATH] --role ROLE [--session ID] [--ttl DURATION] [--name NAME]\n"
    "              [--org TEXT] [--region TEXT]\n";

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::cout << usage;
        return args.empty() ? 2 : 0;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    try {
        if (args[0] == "serve") return veche::app::serve_command(rest);
        if (args[0] == "token") return veche::app::token_command(rest);
        std::cerr << "veche: unknown command \"" << args[0] << "\"\n" << usage;
        return 2;
    } catch (const veche::app::usage_error& e) {
        std::cerr << "veche: " << e.what() << '\n' << usage;
        return 2;
    }
}
