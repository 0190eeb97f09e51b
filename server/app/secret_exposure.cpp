#include "app/secret_exposure.hpp"

#include "common/log.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

namespace veche::app {

void warn_if_secret_exposed(const std::string& config_path, const config::auth_settings& auth) {
    if (!auth.secret_in_config) return;
    struct stat st {};
    if (::stat(config_path.c_str(), &st) != 0) return;
    // Group read is fine when the group is the service's own (root:veche 0640).
    const bool others = (st.st_mode & S_IROTH) != 0;
    const bool foreign_group = (st.st_mode & S_IRGRP) != 0 && st.st_gid != ::getegid();
    if (!others && !foreign_group) return;
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    log::warn("the config file ", config_path, " holds auth.secret and other users can read it (mode ", mode,
              "): anyone on this machine could mint tokens; chmod 600 it or keep the secret in VECHE_SECRET "
              "(docs/operations.md)");
}

}  // namespace veche::app
