using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Scripto.Core.Persistence.PostgresMigrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:CollationDefinition:scripto_nocase", "und-u-ks-level2,und-u-ks-level2,icu,False");

            migrationBuilder.CreateTable(
                name: "alert_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    script_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    down = table.Column<bool>(type: "boolean", nullable: false),
                    anomaly = table.Column<bool>(type: "boolean", nullable: false),
                    reason = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    hold_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    scopes = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    server_globs = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    name_globs = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    tags = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "badges",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    token = table.Column<string>(type: "character varying(22)", maxLength: 22, nullable: false),
                    kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    value = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_badges", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "channels",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "scripto_nocase"),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    to_addresses = table.Column<List<string>>(type: "text[]", nullable: false),
                    secret = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    token = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    chat_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    servers = table.Column<List<string>>(type: "text[]", nullable: false),
                    names = table.Column<List<string>>(type: "text[]", nullable: false),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    group_by = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    group_wait_seconds = table.Column<long>(type: "bigint", nullable: false),
                    group_interval_seconds = table.Column<long>(type: "bigint", nullable: false),
                    repeat_interval_seconds = table.Column<long>(type: "bigint", nullable: true),
                    send_resolved = table.Column<bool>(type: "boolean", nullable: false),
                    anomalies = table.Column<bool>(type: "boolean", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    last_error = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_channels", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "maintenance_windows",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    servers = table.Column<List<string>>(type: "text[]", nullable: false),
                    names = table.Column<List<string>>(type: "text[]", nullable: false),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ends_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cron = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    duration_seconds = table.Column<long>(type: "bigint", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    created_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_maintenance_windows", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "script_flaps",
                columns: table => new
                {
                    script_id = table.Column<long>(type: "bigint", nullable: false),
                    changes = table.Column<string>(type: "text", nullable: false),
                    flapping = table.Column<bool>(type: "boolean", nullable: false),
                    last_change_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    down = table.Column<bool>(type: "boolean", nullable: false),
                    reason = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_script_flaps", x => x.script_id);
                });

            migrationBuilder.CreateTable(
                name: "scripts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    failure_threshold = table.Column<int>(type: "integer", nullable: false),
                    recovery_threshold = table.Column<int>(type: "integer", nullable: false),
                    streak = table.Column<int>(type: "integer", nullable: false),
                    alerting = table.Column<bool>(type: "boolean", nullable: false),
                    name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, collation: "und-x-icu"),
                    server = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, collation: "und-x-icu"),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    schedule_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    period_seconds = table.Column<long>(type: "bigint", nullable: true),
                    cron = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    grace_seconds = table.Column<long>(type: "bigint", nullable: true),
                    counting_since = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    paused = table.Column<bool>(type: "boolean", nullable: false),
                    tags = table.Column<string>(type: "character varying(330)", maxLength: 330, nullable: false),
                    heartbeat = table.Column<bool>(type: "boolean", nullable: false),
                    health = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    status = table.Column<bool>(type: "boolean", nullable: true),
                    last_exec = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_duration_ms = table.Column<long>(type: "bigint", nullable: true),
                    last_exit_code = table.Column<int>(type: "integer", nullable: true),
                    due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    soon_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    down_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    maintenance_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    max_runtime_seconds = table.Column<long>(type: "bigint", nullable: true),
                    min_runtime_seconds = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scripts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "status_pages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    targets = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_status_pages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "alert_groups",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    channel_id = table.Column<long>(type: "bigint", nullable: false),
                    group_key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    flush_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    members = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_groups", x => x.id);
                    table.ForeignKey(
                        name: "FK_alert_groups_channels_channel_id",
                        column: x => x.channel_id,
                        principalTable: "channels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notification_attempts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    channel_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    message_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(16)", maxLength: 16, nullable: false),
                    group_key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    error = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_attempts", x => x.id);
                    table.ForeignKey(
                        name: "FK_notification_attempts_channels_channel_id",
                        column: x => x.channel_id,
                        principalTable: "channels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notification_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    channel_id = table.Column<long>(type: "bigint", nullable: false),
                    message_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(16)", maxLength: 16, nullable: false),
                    group_key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    claimed_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "FK_notification_deliveries_channels_channel_id",
                        column: x => x.channel_id,
                        principalTable: "channels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "flips",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    script_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    from_state = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    to_state = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    reason = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_flips", x => x.id);
                    table.ForeignKey(
                        name: "FK_flips_scripts_script_id",
                        column: x => x.script_id,
                        principalTable: "scripts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    script_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    signal = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    exit_code = table.Column<int>(type: "integer", nullable: true),
                    duration_ms = table.Column<long>(type: "bigint", nullable: true),
                    output = table.Column<string>(type: "text", nullable: true),
                    remote_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_runs", x => x.id);
                    table.ForeignKey(
                        name: "FK_runs_scripts_script_id",
                        column: x => x.script_id,
                        principalTable: "scripts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alert_groups_channel_id_group_key",
                table: "alert_groups",
                columns: new[] { "channel_id", "group_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_sha256",
                table: "api_keys",
                column: "sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_badges_kind_value",
                table: "badges",
                columns: new[] { "kind", "value" });

            migrationBuilder.CreateIndex(
                name: "IX_badges_token",
                table: "badges",
                column: "token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_channels_name",
                table: "channels",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_flips_script_id_id",
                table: "flips",
                columns: new[] { "script_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_notification_attempts_channel_id_id",
                table: "notification_attempts",
                columns: new[] { "channel_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_notification_deliveries_channel_id",
                table: "notification_deliveries",
                column: "channel_id");

            migrationBuilder.CreateIndex(
                name: "IX_notification_deliveries_due_at",
                table: "notification_deliveries",
                column: "due_at");

            migrationBuilder.CreateIndex(
                name: "IX_notification_deliveries_message_id",
                table: "notification_deliveries",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_runs_script_id_id",
                table: "runs",
                columns: new[] { "script_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_scripts_awaiting_down",
                table: "scripts",
                column: "down_at",
                filter: "health <> 'Down' AND NOT paused");

            migrationBuilder.CreateIndex(
                name: "IX_scripts_down_at",
                table: "scripts",
                column: "down_at");

            migrationBuilder.CreateIndex(
                name: "IX_scripts_due_at",
                table: "scripts",
                column: "due_at");

            migrationBuilder.CreateIndex(
                name: "IX_scripts_last_exec",
                table: "scripts",
                column: "last_exec");

            migrationBuilder.CreateIndex(
                name: "IX_scripts_name_server",
                table: "scripts",
                columns: new[] { "name", "server" });

            migrationBuilder.CreateIndex(
                name: "IX_scripts_server",
                table: "scripts",
                column: "server");

            migrationBuilder.CreateIndex(
                name: "IX_scripts_soon_at",
                table: "scripts",
                column: "soon_at");

            migrationBuilder.CreateIndex(
                name: "IX_status_pages_slug",
                table: "status_pages",
                column: "slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_events");

            migrationBuilder.DropTable(
                name: "alert_groups");

            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "badges");

            migrationBuilder.DropTable(
                name: "flips");

            migrationBuilder.DropTable(
                name: "maintenance_windows");

            migrationBuilder.DropTable(
                name: "notification_attempts");

            migrationBuilder.DropTable(
                name: "notification_deliveries");

            migrationBuilder.DropTable(
                name: "runs");

            migrationBuilder.DropTable(
                name: "script_flaps");

            migrationBuilder.DropTable(
                name: "status_pages");

            migrationBuilder.DropTable(
                name: "channels");

            migrationBuilder.DropTable(
                name: "scripts");
        }
    }
}
