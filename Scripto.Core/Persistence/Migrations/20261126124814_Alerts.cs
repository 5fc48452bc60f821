using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scripto.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Alerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "alerting",
                table: "scripts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "failure_threshold",
                table: "scripts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // existing scripts: told on the first failure, resolved on the first success

            migrationBuilder.AddColumn<int>(
                name: "recovery_threshold",
                table: "scripts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // existing scripts: told on the first failure, resolved on the first success

            migrationBuilder.AddColumn<int>(
                name: "streak",
                table: "scripts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "alert_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    script_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    down = table.Column<bool>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    hold_until = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "alert_groups",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    channel_id = table.Column<long>(type: "INTEGER", nullable: false),
                    group_key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    flush_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    members = table.Column<string>(type: "TEXT", nullable: false)
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
                name: "script_flaps",
                columns: table => new
                {
                    script_id = table.Column<long>(type: "INTEGER", nullable: false),
                    changes = table.Column<string>(type: "TEXT", nullable: false),
                    flapping = table.Column<bool>(type: "INTEGER", nullable: false),
                    last_change_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    down = table.Column<bool>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_script_flaps", x => x.script_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alert_groups_channel_id_group_key",
                table: "alert_groups",
                columns: new[] { "channel_id", "group_key" },
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
                name: "script_flaps");

            migrationBuilder.DropColumn(
                name: "alerting",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "failure_threshold",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "recovery_threshold",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "streak",
                table: "scripts");
        }
    }
}
