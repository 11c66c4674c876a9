#include "cli_context.h"

namespace opsdeck::cli {

const Profile *CliContext::loadProfile()
{
    const QString path = parser.isSet(QStringLiteral("config")) ? parser.value(QStringLiteral("config"))
                                                                : defaultConfigPath();
    ConfigLoadResult result = loadConfigFile(path);
    for (const QString &w : std::as_const(result.warnings))
        err << "warning: " << w << Qt::endl;
    if (!result.ok()) {
        for (const QString &e : std::as_const(result.errors))
            err << "error: " << e << Qt::endl;
        return nullptr;
    }
    m_config = std::move(result.config);
    const QString name = parser.value(QStringLiteral("profile"));
    const Profile *profile = m_config->profile(name);
    if (!profile) {
        err << "error: " << path << ": no profile named \"" << name << "\" (have: "
            << m_config->profileNames().join(QStringLiteral(", ")) << ")" << Qt::endl;
        return nullptr;
    }
    return profile;
}

} // namespace opsdeck::cli
