using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scripto.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SchedulesRunsFlips : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "counting_since",
                table: "scripts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "created_at",
                table: "scripts",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "cron",
                table: "scripts",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "down_at",
                table: "scripts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "due_at",
                table: "scripts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "grace_seconds",
                table: "scripts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "health",
                table: "scripts",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "last_duration_ms",
                table: "scripts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "last_exit_code",
                table: "scripts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "paused",
                table: "scripts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "period_seconds",
                table: "scripts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "schedule_kind",
                table: "scripts",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "soon_at",
                table: "scripts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "started_at",
                table: "scripts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "time_zone",
                table: "scripts",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // v1 data: a periodicity word becomes a period schedule with the default grace (a tenth of the
            // period, 1 min to 1 h), status becomes health, and the due times are set as Script.Recompute would.
            migrationBuilder.Sql("""
                UPDATE scripts SET
                    schedule_kind = CASE WHEN periodicity IS NULL THEN 'None' ELSE 'Period' END,
                    period_seconds = CASE periodicity WHEN 'Hourly' THEN 3600 WHEN 'Daily' THEN 86400 WHEN 'Weekly' THEN 604800 WHEN 'Monthly' THEN 2628000 END,
                    health = CASE status WHEN 1 THEN 'Up' WHEN 0 THEN 'Down' ELSE 'New' END,
                    created_at = COALESCE(last_exec, strftime('%Y-%m-%d %H:%M:%S', 'now'));
                UPDATE scripts SET due_at = strftime('%Y-%m-%d %H:%M:%S', last_exec, '+' || period_seconds || ' seconds')
                    WHERE period_seconds IS NOT NULL AND last_exec IS NOT NULL;
                UPDATE scripts SET
                    soon_at = strftime('%Y-%m-%d %H:%M:%S', due_at, '-' || CASE period_seconds WHEN 3600 THEN 600 WHEN 86400 THEN 3600 ELSE 64800 END || ' seconds'),
                    down_at = strftime('%Y-%m-%d %H:%M:%S', due_at, '+' || MIN(MAX(period_seconds / 10, 60), 3600) || ' seconds')
                    WHERE due_at IS NOT NULL;
                """);

            migrationBuilder.DropIndex(
                name: "IX_scripts_name",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "periodicity",
                table: "scripts");

            migrationBuilder.CreateTable(
                name: "flips",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    script_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    from_state = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    to_state = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false)
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    script_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    signal = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    exit_code = table.Column<int>(type: "INTEGER", nullable: true),
                    duration_ms = table.Column<long>(type: "INTEGER", nullable: true),
                    output = table.Column<string>(type: "TEXT", nullable: true),
                    remote_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
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
                name: "IX_scripts_down_at",
                table: "scripts",
                column: "down_at");

            migrationBuilder.CreateIndex(
                name: "IX_scripts_due_at",
                table: "scripts",
                column: "due_at");

            migrationBuilder.CreateIndex(
                name: "IX_scripts_name_server",
                table: "scripts",
                columns: new[] { "name", "server" });

            migrationBuilder.CreateIndex(
                name: "IX_scripts_soon_at",
                table: "scripts",
                column: "soon_at");

            migrationBuilder.CreateIndex(
                name: "IX_flips_script_id_id",
                table: "flips",
                columns: new[] { "script_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_runs_script_id_id",
                table: "runs",
                columns: new[] { "script_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "flips");

            migrationBuilder.DropTable(
                name: "runs");

            migrationBuilder.DropIndex(
                name: "IX_scripts_down_at",
                table: "scripts");

            migrationBuilder.DropIndex(
                name: "IX_scripts_due_at",
                table: "scripts");

            migrationBuilder.DropIndex(
                name: "IX_scripts_name_server",
                table: "scripts");

            migrationBuilder.DropIndex(
                name: "IX_scripts_soon_at",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "counting_since",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "created_at",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "cron",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "down_at",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "due_at",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "grace_seconds",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "health",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "last_duration_ms",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "last_exit_code",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "paused",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "period_seconds",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "schedule_kind",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "soon_at",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "started_at",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "time_zone",
                table: "scripts");

            migrationBuilder.AddColumn<string>(
                name: "periodicity",
                table: "scripts",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_scripts_name",
                table: "scripts",
                column: "name");
        }
    }
}
