#pragma once

// The few libpqxx calls whose spelling differs between the versions OpsDeck
// builds against: 6.4 (Debian 12), 7.8 (Ubuntu 24.04) and 7.10 (vcpkg, Fedora).
// 7.10 deprecates exec_params() in favour of exec(sql, params), which 6.4 and
// 7.8 lack; every statement with bound parameters goes through execParams().

#include <pqxx/pqxx>

#include <string>
#include <utility>

namespace opsdeck::pg {

#if PQXX_VERSION_MAJOR > 7 || (PQXX_VERSION_MAJOR == 7 && PQXX_VERSION_MINOR >= 10)
template<typename Transaction, typename... Args>
pqxx::result execParams(Transaction &tx, const std::string &sql, Args &&...args)
{
    return tx.exec(sql, pqxx::params{std::forward<Args>(args)...});
}
#else
template<typename Transaction, typename... Args>
pqxx::result execParams(Transaction &tx, const std::string &sql, Args &&...args)
{
    return tx.exec_params(sql, std::forward<Args>(args)...);
}
#endif

} // namespace opsdeck::pg
