package emails

import "strings"

// texts holds every sentence of every email in one language. Placeholders:
// {name} (the person's first name), {event}, {org} and {date}. Each
// language must fill every field with the same placeholders as English (a
// test checks), so an email is never half translated.
type texts struct {
	Hello, HelloName string // greeting without and with the first name
	When, Organiser  string // labels in the event box
	Expires          string // {date}
	Copy             string // above the bare link under the button (HTML only)
	Keep             string // don't share a link that signs you in
	Ignore           string // footer

	InvSubject, InvSubjectNoOrg string
	InvHeading                  string
	InvIntro, InvIntroNoOrg     string
	InvAction, InvButton        string
	AsSpeaker, AsModerator      string // invitation: the extra role
	AsBoth                      string

	RegSubject, RegHeading, RegIntro, RegAction, RegButton string
	RoleSpeaker, RoleModerator, RoleBoth                   string // registration: the extra role

	ConfSubject, ConfHeading, ConfIntro, ConfAction, ConfButton string

	LoginSubject, LoginHeading, LoginIntro, LoginButton string
}

// language is one translation: its texts and its way of writing dates.
type language struct {
	code  string
	rtl   bool
	t     *texts
	dates *dateStyle
}

// languages are the translated languages by BCP 47 code.
var languages = map[string]*language{
	"en":      {"en", false, &enTexts, &enDates},
	"de":      {"de", false, &deTexts, &deDates},
	"fr":      {"fr", false, &frTexts, &frDates},
	"es-ES":   {"es-ES", false, &esTexts, &esDates},
	"nl":      {"nl", false, &nlTexts, &nlDates},
	"ru":      {"ru", false, &ruTexts, &ruDates},
	"pt-BR":   {"pt-BR", false, &ptBRTexts, &ptBRDates},
	"ja":      {"ja", false, &jaTexts, &jaDates},
	"zh-Hans": {"zh-Hans", false, &zhHansTexts, &zhDates},
	"zh-Hant": {"zh-Hant", false, &zhHantTexts, &zhDates},
	"fi":      {"fi", false, &fiTexts, &fiDates},
	"it":      {"it", false, &itTexts, &itDates},
	"fr-CA":   {"fr-CA", false, &frCATexts, &frCADates},
	"ko":      {"ko", false, &koTexts, &koDates},
	"ar":      {"ar", true, &arTexts, &arDates},
	"ca":      {"ca", false, &caTexts, &caDates},
	"da":      {"da", false, &daTexts, &daDates},
	"sr":      {"sr", false, &srTexts, &srDates},
	"sv":      {"sv", false, &svTexts, &svDates},
}

// aliases map common tags and spellings to a translated language; anything
// else is tried without its last subtag ("de-AT" → "de") and finally English.
var aliases = map[string]string{
	"es": "es-ES", "pt": "pt-BR", "zh": "zh-Hans", "zh-cn": "zh-Hans", "zh-sg": "zh-Hans",
	"zh-tw": "zh-Hant", "zh-hk": "zh-Hant", "zh-mo": "zh-Hant",
}

// lookup finds the translation for a language code; unknown codes get English.
func lookup(code string) *language {
	key := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(code), "_", "-"))
	for key != "" {
		for c, l := range languages {
			if strings.ToLower(c) == key {
				return l
			}
		}
		if c, ok := aliases[key]; ok {
			return languages[c]
		}
		i := strings.LastIndex(key, "-")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return languages["en"]
}

var enTexts = texts{
	Hello:     "Hello,",
	HelloName: "Hello {name},",
	When:      "When",
	Organiser: "Organiser",
	Expires:   "This link works until {date}.",
	Copy:      "If the button does not work, copy this link into your browser:",
	Keep:      "Keep this link to yourself: anyone who has it can sign in as you.",
	Ignore:    "If you did not expect this email, you can ignore it.",

	InvSubject:      "{org} invites you to {event}",
	InvSubjectNoOrg: "You are invited to {event}",
	InvHeading:      "You're invited",
	InvIntro:        "{org} invites you to {event}.",
	InvIntroNoOrg:   "You are invited to {event}.",
	InvAction:       "Accept the invitation to join the event.",
	InvButton:       "Accept invitation",
	AsSpeaker:       "You are invited as a speaker.",
	AsModerator:     "You are invited as a moderator.",
	AsBoth:          "You are invited as a speaker and moderator.",

	RegSubject:    "Your registration for {event}",
	RegHeading:    "You're registered",
	RegIntro:      "You are registered for {event}.",
	RegAction:     "Use your personal link to enter the event.",
	RegButton:     "Go to the event",
	RoleSpeaker:   "You take part as a speaker.",
	RoleModerator: "You take part as a moderator.",
	RoleBoth:      "You take part as a speaker and moderator.",

	ConfSubject: "Confirm your email address for {event}",
	ConfHeading: "Confirm your email address",
	ConfIntro:   "Thank you for registering for {event}.",
	ConfAction:  "Please confirm your email address to complete your registration.",
	ConfButton:  "Confirm email address",

	LoginSubject: "Your sign-in link for {event}",
	LoginHeading: "Your sign-in link",
	LoginIntro:   "Here is your link to sign in to {event}.",
	LoginButton:  "Sign in",
}

var deTexts = texts{
	Hello:     "Hallo,",
	HelloName: "Hallo {name},",
	When:      "Wann",
	Organiser: "Veranstalter",
	Expires:   "Dieser Link ist bis zum {date} gültig.",
	Copy:      "Falls die Schaltfläche nicht funktioniert, kopieren Sie diesen Link in Ihren Browser:",
	Keep:      "Geben Sie diesen Link nicht weiter: Wer ihn hat, kann sich in Ihrem Namen anmelden.",
	Ignore:    "Wenn Sie diese E-Mail nicht erwartet haben, können Sie sie ignorieren.",

	InvSubject:      "{org} lädt Sie zu {event} ein",
	InvSubjectNoOrg: "Einladung zu {event}",
	InvHeading:      "Sie sind eingeladen",
	InvIntro:        "{org} lädt Sie zu {event} ein.",
	InvIntroNoOrg:   "Sie sind zu {event} eingeladen.",
	InvAction:       "Nehmen Sie die Einladung an, um an der Veranstaltung teilzunehmen.",
	InvButton:       "Einladung annehmen",
	AsSpeaker:       "Sie sind eingeladen, einen Vortrag zu halten.",
	AsModerator:     "Sie sind eingeladen, die Moderation zu übernehmen.",
	AsBoth:          "Sie sind eingeladen, einen Vortrag zu halten und die Moderation zu übernehmen.",

	RegSubject:    "Ihre Anmeldung zu {event}",
	RegHeading:    "Sie sind angemeldet",
	RegIntro:      "Sie sind für {event} angemeldet.",
	RegAction:     "Mit Ihrem persönlichen Link gelangen Sie zur Veranstaltung.",
	RegButton:     "Zur Veranstaltung",
	RoleSpeaker:   "Sie nehmen mit einem Vortrag teil.",
	RoleModerator: "Sie übernehmen die Moderation.",
	RoleBoth:      "Sie halten einen Vortrag und übernehmen die Moderation.",

	ConfSubject: "Bestätigen Sie Ihre E-Mail-Adresse für {event}",
	ConfHeading: "Bestätigen Sie Ihre E-Mail-Adresse",
	ConfIntro:   "Vielen Dank für Ihre Anmeldung zu {event}.",
	ConfAction:  "Bitte bestätigen Sie Ihre E-Mail-Adresse, um die Anmeldung abzuschließen.",
	ConfButton:  "E-Mail-Adresse bestätigen",

	LoginSubject: "Ihr Anmeldelink für {event}",
	LoginHeading: "Ihr Anmeldelink",
	LoginIntro:   "Hier ist Ihr Link, um sich bei {event} anzumelden.",
	LoginButton:  "Anmelden",
}

var frTexts = texts{
	Hello:     "Bonjour,",
	HelloName: "Bonjour {name},",
	When:      "Quand",
	Organiser: "Organisateur",
	Expires:   "Ce lien est valable jusqu’au {date}.",
	Copy:      "Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur\u00a0:",
	Keep:      "Ne transmettez pas ce lien\u00a0: toute personne qui le possède peut se connecter à votre place.",
	Ignore:    "Si vous n’attendiez pas cet e-mail, vous pouvez l’ignorer.",

	InvSubject:      "{org} vous invite à {event}",
	InvSubjectNoOrg: "Invitation à {event}",
	InvHeading:      "Votre invitation",
	InvIntro:        "{org} vous invite à {event}.",
	InvIntroNoOrg:   "Vous êtes invité(e) à {event}.",
	InvAction:       "Acceptez l’invitation pour participer à l’événement.",
	InvButton:       "Accepter l’invitation",
	AsSpeaker:       "Vous êtes invité(e) à prendre la parole.",
	AsModerator:     "Vous êtes invité(e) à assurer la modération.",
	AsBoth:          "Vous êtes invité(e) à prendre la parole et à assurer la modération.",

	RegSubject:    "Votre inscription à {event}",
	RegHeading:    "Inscription confirmée",
	RegIntro:      "Votre inscription à {event} est confirmée.",
	RegAction:     "Utilisez votre lien personnel pour accéder à l’événement.",
	RegButton:     "Accéder à l’événement",
	RoleSpeaker:   "Vous prenez la parole lors de l’événement.",
	RoleModerator: "Vous assurez la modération.",
	RoleBoth:      "Vous prenez la parole et assurez la modération.",

	ConfSubject: "Confirmez votre adresse e-mail pour {event}",
	ConfHeading: "Confirmez votre adresse e-mail",
	ConfIntro:   "Merci pour votre inscription à {event}.",
	ConfAction:  "Veuillez confirmer votre adresse e-mail pour finaliser votre inscription.",
	ConfButton:  "Confirmer mon adresse e-mail",

	LoginSubject: "Votre lien de connexion pour {event}",
	LoginHeading: "Votre lien de connexion",
	LoginIntro:   "Voici votre lien pour vous connecter à {event}.",
	LoginButton:  "Se connecter",
}

// frCATexts is French as written in Quebec: "courriel" for email.
var frCATexts = func() texts {
	t := frTexts
	t.Ignore = "Si vous n’attendiez pas ce courriel, vous pouvez l’ignorer."
	t.ConfSubject = "Confirmez votre adresse courriel pour {event}"
	t.ConfHeading = "Confirmez votre adresse courriel"
	t.ConfAction = "Veuillez confirmer votre adresse courriel pour finaliser votre inscription."
	t.ConfButton = "Confirmer mon adresse courriel"
	return t
}()

var esTexts = texts{
	Hello:     "Hola:",
	HelloName: "Hola, {name}:",
	When:      "Cuándo",
	Organiser: "Organizador",
	Expires:   "Este enlace es válido hasta el {date}.",
	Copy:      "Si el botón no funciona, copia este enlace en tu navegador:",
	Keep:      "No compartas este enlace: cualquiera que lo tenga puede acceder en tu nombre.",
	Ignore:    "Si no esperabas este correo, puedes ignorarlo.",

	InvSubject:      "{org} te invita a {event}",
	InvSubjectNoOrg: "Invitación a {event}",
	InvHeading:      "Tienes una invitación",
	InvIntro:        "{org} te invita a {event}.",
	InvIntroNoOrg:   "Te han invitado a {event}.",
	InvAction:       "Acepta la invitación para participar en el evento.",
	InvButton:       "Aceptar invitación",
	AsSpeaker:       "Te invitan como ponente.",
	AsModerator:     "Te invitan a moderar.",
	AsBoth:          "Te invitan como ponente y a moderar.",

	RegSubject:    "Tu inscripción en {event}",
	RegHeading:    "Inscripción confirmada",
	RegIntro:      "Tu inscripción en {event} está confirmada.",
	RegAction:     "Usa tu enlace personal para entrar al evento.",
	RegButton:     "Ir al evento",
	RoleSpeaker:   "Participas como ponente.",
	RoleModerator: "Te encargas de la moderación.",
	RoleBoth:      "Participas como ponente y te encargas de la moderación.",

	ConfSubject: "Confirma tu dirección de correo para {event}",
	ConfHeading: "Confirma tu dirección de correo",
	ConfIntro:   "Gracias por inscribirte en {event}.",
	ConfAction:  "Confirma tu dirección de correo electrónico para completar la inscripción.",
	ConfButton:  "Confirmar dirección de correo",

	LoginSubject: "Tu enlace de acceso a {event}",
	LoginHeading: "Tu enlace de acceso",
	LoginIntro:   "Aquí tienes tu enlace para acceder a {event}.",
	LoginButton:  "Acceder",
}

var nlTexts = texts{
	Hello:     "Hallo,",
	HelloName: "Hallo {name},",
	When:      "Wanneer",
	Organiser: "Organisator",
	Expires:   "Deze link is geldig tot {date}.",
	Copy:      "Werkt de knop niet? Kopieer dan deze link naar je browser:",
	Keep:      "Deel deze link niet: iedereen die hem heeft, kan namens jou inloggen.",
	Ignore:    "Had je deze e-mail niet verwacht? Dan kun je hem negeren.",

	InvSubject:      "{org} nodigt je uit voor {event}",
	InvSubjectNoOrg: "Uitnodiging voor {event}",
	InvHeading:      "Je bent uitgenodigd",
	InvIntro:        "{org} nodigt je uit voor {event}.",
	InvIntroNoOrg:   "Je bent uitgenodigd voor {event}.",
	InvAction:       "Accepteer de uitnodiging om deel te nemen aan het evenement.",
	InvButton:       "Uitnodiging accepteren",
	AsSpeaker:       "Je bent uitgenodigd als spreker.",
	AsModerator:     "Je bent uitgenodigd als moderator.",
	AsBoth:          "Je bent uitgenodigd als spreker en moderator.",

	RegSubject:    "Je registratie voor {event}",
	RegHeading:    "Je bent geregistreerd",
	RegIntro:      "Je bent geregistreerd voor {event}.",
	RegAction:     "Gebruik je persoonlijke link om naar het evenement te gaan.",
	RegButton:     "Naar het evenement",
	RoleSpeaker:   "Je neemt deel als spreker.",
	RoleModerator: "Je neemt deel als moderator.",
	RoleBoth:      "Je neemt deel als spreker en moderator.",

	ConfSubject: "Bevestig je e-mailadres voor {event}",
	ConfHeading: "Bevestig je e-mailadres",
	ConfIntro:   "Bedankt voor je registratie voor {event}.",
	ConfAction:  "Bevestig je e-mailadres om je registratie af te ronden.",
	ConfButton:  "E-mailadres bevestigen",

	LoginSubject: "Je inloglink voor {event}",
	LoginHeading: "Je inloglink",
	LoginIntro:   "Hier is je link om in te loggen bij {event}.",
	LoginButton:  "Inloggen",
}

// The Russian texts quote the event name («…») so that it needs no declension.
var ruTexts = texts{
	Hello:     "Здравствуйте!",
	HelloName: "Здравствуйте, {name}!",
	When:      "Когда",
	Organiser: "Организатор",
	Expires:   "Ссылка действительна до {date}.",
	Copy:      "Если кнопка не работает, скопируйте эту ссылку в браузер:",
	Keep:      "Никому не пересылайте эту ссылку: с ней можно войти от вашего имени.",
	Ignore:    "Если вы не ожидали этого письма, просто проигнорируйте его.",

	InvSubject:      "{org} приглашает вас на мероприятие «{event}»",
	InvSubjectNoOrg: "Приглашение на мероприятие «{event}»",
	InvHeading:      "Вас приглашают",
	InvIntro:        "{org} приглашает вас на мероприятие «{event}».",
	InvIntroNoOrg:   "Вас приглашают на мероприятие «{event}».",
	InvAction:       "Примите приглашение, чтобы участвовать в мероприятии.",
	InvButton:       "Принять приглашение",
	AsSpeaker:       "Вас приглашают в качестве спикера.",
	AsModerator:     "Вас приглашают в качестве модератора.",
	AsBoth:          "Вас приглашают в качестве спикера и модератора.",

	RegSubject:    "Ваша регистрация на мероприятие «{event}»",
	RegHeading:    "Вы зарегистрированы",
	RegIntro:      "Вы зарегистрированы на мероприятие «{event}».",
	RegAction:     "Входите на мероприятие по своей личной ссылке.",
	RegButton:     "Перейти к мероприятию",
	RoleSpeaker:   "Вы участвуете в качестве спикера.",
	RoleModerator: "Вы участвуете в качестве модератора.",
	RoleBoth:      "Вы участвуете в качестве спикера и модератора.",

	ConfSubject: "Подтвердите адрес электронной почты для мероприятия «{event}»",
	ConfHeading: "Подтвердите адрес электронной почты",
	ConfIntro:   "Спасибо за регистрацию на мероприятие «{event}».",
	ConfAction:  "Подтвердите адрес электронной почты, чтобы завершить регистрацию.",
	ConfButton:  "Подтвердить адрес",

	LoginSubject: "Ваша ссылка для входа на мероприятие «{event}»",
	LoginHeading: "Ваша ссылка для входа",
	LoginIntro:   "Вот ваша ссылка для входа на мероприятие «{event}».",
	LoginButton:  "Войти",
}

var ptBRTexts = texts{
	Hello:     "Olá!",
	HelloName: "Olá, {name}!",
	When:      "Quando",
	Organiser: "Organização",
	Expires:   "Este link é válido até {date}.",
	Copy:      "Se o botão não funcionar, copie este link no seu navegador:",
	Keep:      "Não compartilhe este link: qualquer pessoa que o tenha pode entrar como você.",
	Ignore:    "Se você não esperava este e-mail, pode ignorá-lo.",

	InvSubject:      "{org} convida você para {event}",
	InvSubjectNoOrg: "Convite para {event}",
	InvHeading:      "Você recebeu um convite",
	InvIntro:        "{org} convida você para {event}.",
	InvIntroNoOrg:   "Você recebeu um convite para {event}.",
	InvAction:       "Aceite o convite para participar do evento.",
	InvButton:       "Aceitar convite",
	AsSpeaker:       "O convite é para participar como palestrante.",
	AsModerator:     "O convite é para atuar na moderação.",
	AsBoth:          "O convite é para participar como palestrante e atuar na moderação.",

	RegSubject:    "Sua inscrição em {event}",
	RegHeading:    "Inscrição confirmada",
	RegIntro:      "Sua inscrição em {event} está confirmada.",
	RegAction:     "Use seu link pessoal para entrar no evento.",
	RegButton:     "Ir para o evento",
	RoleSpeaker:   "Você participa como palestrante.",
	RoleModerator: "Você atua na moderação.",
	RoleBoth:      "Você participa como palestrante e atua na moderação.",

	ConfSubject: "Confirme seu endereço de e-mail para {event}",
	ConfHeading: "Confirme seu endereço de e-mail",
	ConfIntro:   "Obrigado por se inscrever em {event}.",
	ConfAction:  "Confirme seu endereço de e-mail para concluir a inscrição.",
	ConfButton:  "Confirmar e-mail",

	LoginSubject: "Seu link de acesso a {event}",
	LoginHeading: "Seu link de acesso",
	LoginIntro:   "Aqui está o seu link para entrar em {event}.",
	LoginButton:  "Entrar",
}

var jaTexts = texts{
	Hello:     "こんにちは。",
	HelloName: "{name} 様",
	When:      "日時",
	Organiser: "主催",
	Expires:   "このリンクの有効期限は{date}です。",
	Copy:      "ボタンが機能しない場合は、次のリンクをブラウザにコピーしてください。",
	Keep:      "このリンクは他の人と共有しないでください。リンクを知っている人は誰でも、あなたとしてサインインできます。",
	Ignore:    "このメールに心当たりがない場合は、無視してください。",

	InvSubject:      "{org}より「{event}」へのご招待",
	InvSubjectNoOrg: "「{event}」へのご招待",
	InvHeading:      "ご招待",
	InvIntro:        "{org}より、「{event}」へのご招待が届いています。",
	InvIntroNoOrg:   "「{event}」へのご招待が届いています。",
	InvAction:       "招待を承諾して、イベントにご参加ください。",
	InvButton:       "招待を承諾する",
	AsSpeaker:       "スピーカーとしてご招待しています。",
	AsModerator:     "モデレーターとしてご招待しています。",
	AsBoth:          "スピーカー兼モデレーターとしてご招待しています。",

	RegSubject:    "「{event}」へのご登録について",
	RegHeading:    "ご登録済みです",
	RegIntro:      "「{event}」へのご登録が完了しています。",
	RegAction:     "あなた専用のリンクからイベントに入場できます。",
	RegButton:     "イベントへ進む",
	RoleSpeaker:   "スピーカーとしてご参加いただきます。",
	RoleModerator: "モデレーターとしてご参加いただきます。",
	RoleBoth:      "スピーカー兼モデレーターとしてご参加いただきます。",

	ConfSubject: "「{event}」メールアドレスの確認",
	ConfHeading: "メールアドレスの確認",
	ConfIntro:   "「{event}」にご登録いただき、ありがとうございます。",
	ConfAction:  "登録を完了するには、メールアドレスを確認してください。",
	ConfButton:  "メールアドレスを確認する",

	LoginSubject: "「{event}」のサインインリンク",
	LoginHeading: "サインインリンク",
	LoginIntro:   "「{event}」にサインインするためのリンクです。",
	LoginButton:  "サインイン",
}

var zhHansTexts = texts{
	Hello:     "您好！",
	HelloName: "{name}，您好！",
	When:      "时间",
	Organiser: "主办方",
	Expires:   "此链接的有效期至{date}。",
	Copy:      "如果按钮无法使用，请将以下链接复制到浏览器中打开：",
	Keep:      "请勿转发此链接：任何拥有此链接的人都可以用您的身份登录。",
	Ignore:    "如果您没有预期收到这封邮件，可以忽略它。",

	InvSubject:      "{org}邀请您参加“{event}”",
	InvSubjectNoOrg: "“{event}”活动邀请",
	InvHeading:      "您收到了一份邀请",
	InvIntro:        "{org}邀请您参加“{event}”。",
	InvIntroNoOrg:   "您受邀参加“{event}”。",
	InvAction:       "接受邀请即可参加活动。",
	InvButton:       "接受邀请",
	AsSpeaker:       "您受邀担任演讲嘉宾。",
	AsModerator:     "您受邀担任主持人。",
	AsBoth:          "您受邀担任演讲嘉宾和主持人。",

	RegSubject:    "您已报名“{event}”",
	RegHeading:    "报名成功",
	RegIntro:      "您已成功报名“{event}”。",
	RegAction:     "请使用您的专属链接进入活动。",
	RegButton:     "进入活动",
	RoleSpeaker:   "您将以演讲嘉宾身份参加。",
	RoleModerator: "您将以主持人身份参加。",
	RoleBoth:      "您将以演讲嘉宾和主持人身份参加。",

	ConfSubject: "确认您的邮箱地址以完成“{event}”报名",
	ConfHeading: "确认您的邮箱地址",
	ConfIntro:   "感谢您报名“{event}”。",
	ConfAction:  "请确认您的邮箱地址以完成报名。",
	ConfButton:  "确认邮箱地址",

	LoginSubject: "您的“{event}”登录链接",
	LoginHeading: "您的登录链接",
	LoginIntro:   "这是您登录“{event}”的链接。",
	LoginButton:  "登录",
}

var zhHantTexts = texts{
	Hello:     "您好：",
	HelloName: "{name}，您好：",
	When:      "時間",
	Organiser: "主辦單位",
	Expires:   "此連結的有效期限至{date}。",
	Copy:      "如果按鈕無法使用，請將以下連結複製到瀏覽器中開啟：",
	Keep:      "請勿轉寄此連結：任何取得此連結的人都能以您的身分登入。",
	Ignore:    "如果您並未預期收到這封電子郵件，可以忽略它。",

	InvSubject:      "{org}邀請您參加「{event}」",
	InvSubjectNoOrg: "「{event}」活動邀請",
	InvHeading:      "您收到一份邀請",
	InvIntro:        "{org}邀請您參加「{event}」。",
	InvIntroNoOrg:   "您受邀參加「{event}」。",
	InvAction:       "接受邀請即可參加活動。",
	InvButton:       "接受邀請",
	AsSpeaker:       "您受邀擔任講者。",
	AsModerator:     "您受邀擔任主持人。",
	AsBoth:          "您受邀擔任講者及主持人。",

	RegSubject:    "您已報名「{event}」",
	RegHeading:    "報名成功",
	RegIntro:      "您已成功報名「{event}」。",
	RegAction:     "請使用您的專屬連結進入活動。",
	RegButton:     "進入活動",
	RoleSpeaker:   "您將以講者身分參加。",
	RoleModerator: "您將以主持人身分參加。",
	RoleBoth:      "您將以講者及主持人身分參加。",

	ConfSubject: "確認您的電子郵件地址以完成「{event}」報名",
	ConfHeading: "確認您的電子郵件地址",
	ConfIntro:   "感謝您報名「{event}」。",
	ConfAction:  "請確認您的電子郵件地址以完成報名。",
	ConfButton:  "確認電子郵件地址",

	LoginSubject: "您的「{event}」登入連結",
	LoginHeading: "您的登入連結",
	LoginIntro:   "這是您登入「{event}」的連結。",
	LoginButton:  "登入",
}

// The Finnish texts put the event name after "tapahtuma" so that it needs no
// case ending.
var fiTexts = texts{
	Hello:     "Hei!",
	HelloName: "Hei {name}!",
	When:      "Aika",
	Organiser: "Järjestäjä",
	Expires:   "Linkki on voimassa {date} asti.",
	Copy:      "Jos painike ei toimi, kopioi tämä linkki selaimeesi:",
	Keep:      "Älä jaa tätä linkkiä: kuka tahansa, jolla se on, voi kirjautua sisään sinun nimissäsi.",
	Ignore:    "Jos et odottanut tätä viestiä, voit jättää sen huomiotta.",

	InvSubject:      "{org} kutsuu sinut tapahtumaan {event}",
	InvSubjectNoOrg: "Kutsu tapahtumaan {event}",
	InvHeading:      "Sinut on kutsuttu",
	InvIntro:        "{org} kutsuu sinut tapahtumaan {event}.",
	InvIntroNoOrg:   "Sinut on kutsuttu tapahtumaan {event}.",
	InvAction:       "Hyväksy kutsu, niin pääset osallistumaan tapahtumaan.",
	InvButton:       "Hyväksy kutsu",
	AsSpeaker:       "Sinut on kutsuttu puhujaksi.",
	AsModerator:     "Sinut on kutsuttu moderaattoriksi.",
	AsBoth:          "Sinut on kutsuttu puhujaksi ja moderaattoriksi.",

	RegSubject:    "Ilmoittautumisesi tapahtumaan {event}",
	RegHeading:    "Olet ilmoittautunut",
	RegIntro:      "Olet ilmoittautunut tapahtumaan {event}.",
	RegAction:     "Pääset tapahtumaan henkilökohtaisella linkilläsi.",
	RegButton:     "Siirry tapahtumaan",
	RoleSpeaker:   "Osallistut puhujana.",
	RoleModerator: "Osallistut moderaattorina.",
	RoleBoth:      "Osallistut puhujana ja moderaattorina.",

	ConfSubject: "Vahvista sähköpostiosoitteesi: {event}",
	ConfHeading: "Vahvista sähköpostiosoitteesi",
	ConfIntro:   "Kiitos ilmoittautumisestasi tapahtumaan {event}.",
	ConfAction:  "Vahvista sähköpostiosoitteesi, niin ilmoittautumisesi on valmis.",
	ConfButton:  "Vahvista sähköpostiosoite",

	LoginSubject: "Kirjautumislinkkisi tapahtumaan {event}",
	LoginHeading: "Kirjautumislinkkisi",
	LoginIntro:   "Tässä on linkkisi, jolla kirjaudut tapahtumaan {event}.",
	LoginButton:  "Kirjaudu sisään",
}

var itTexts = texts{
	Hello:     "Ciao,",
	HelloName: "Ciao {name},",
	When:      "Quando",
	Organiser: "Organizzatore",
	Expires:   "Questo link è valido fino a {date}.",
	Copy:      "Se il pulsante non funziona, copia questo link nel browser:",
	Keep:      "Non condividere questo link: chiunque lo abbia può accedere al posto tuo.",
	Ignore:    "Se non ti aspettavi questa email, puoi ignorarla.",

	InvSubject:      "{org} ti invita a {event}",
	InvSubjectNoOrg: "Invito a {event}",
	InvHeading:      "Hai ricevuto un invito",
	InvIntro:        "{org} ti invita a {event}.",
	InvIntroNoOrg:   "Hai ricevuto un invito a {event}.",
	InvAction:       "Accetta l’invito per partecipare all’evento.",
	InvButton:       "Accetta l’invito",
	AsSpeaker:       "Sei invitato come relatore.",
	AsModerator:     "Sei invitato come moderatore.",
	AsBoth:          "Sei invitato come relatore e moderatore.",

	RegSubject:    "La tua registrazione a {event}",
	RegHeading:    "Registrazione confermata",
	RegIntro:      "La tua registrazione a {event} è confermata.",
	RegAction:     "Usa il tuo link personale per entrare nell’evento.",
	RegButton:     "Vai all’evento",
	RoleSpeaker:   "Partecipi come relatore.",
	RoleModerator: "Partecipi come moderatore.",
	RoleBoth:      "Partecipi come relatore e moderatore.",

	ConfSubject: "Conferma il tuo indirizzo email per {event}",
	ConfHeading: "Conferma il tuo indirizzo email",
	ConfIntro:   "Grazie per la tua registrazione a {event}.",
	ConfAction:  "Conferma il tuo indirizzo email per completare la registrazione.",
	ConfButton:  "Conferma indirizzo email",

	LoginSubject: "Il tuo link di accesso a {event}",
	LoginHeading: "Il tuo link di accesso",
	LoginIntro:   "Ecco il tuo link per accedere a {event}.",
	LoginButton:  "Accedi",
}

var koTexts = texts{
	Hello:     "안녕하세요.",
	HelloName: "{name}님, 안녕하세요.",
	When:      "일시",
	Organiser: "주최",
	Expires:   "이 링크는 {date}까지 유효합니다.",
	Copy:      "버튼이 작동하지 않으면 아래 링크를 복사해 브라우저에 붙여 넣으세요.",
	Keep:      "이 링크를 다른 사람과 공유하지 마세요. 링크가 있으면 누구나 회원님으로 로그인할 수 있습니다.",
	Ignore:    "이 이메일을 예상하지 못하셨다면 무시하셔도 됩니다.",

	InvSubject:      "{org}에서 {event}에 초대합니다",
	InvSubjectNoOrg: "{event} 초대장",
	InvHeading:      "초대장이 도착했습니다",
	InvIntro:        "{org}에서 회원님을 {event}에 초대합니다.",
	InvIntroNoOrg:   "회원님을 {event}에 초대합니다.",
	InvAction:       "초대를 수락하고 행사에 참여하세요.",
	InvButton:       "초대 수락",
	AsSpeaker:       "연사로 초대되었습니다.",
	AsModerator:     "진행자로 초대되었습니다.",
	AsBoth:          "연사 겸 진행자로 초대되었습니다.",

	RegSubject:    "{event} 등록 안내",
	RegHeading:    "등록되었습니다",
	RegIntro:      "{event}에 등록되었습니다.",
	RegAction:     "개인 링크를 사용해 행사에 입장하세요.",
	RegButton:     "행사로 이동",
	RoleSpeaker:   "연사로 참여합니다.",
	RoleModerator: "진행자로 참여합니다.",
	RoleBoth:      "연사 겸 진행자로 참여합니다.",

	ConfSubject: "{event} 등록을 위한 이메일 주소 확인",
	ConfHeading: "이메일 주소를 확인해 주세요",
	ConfIntro:   "{event}에 등록해 주셔서 감사합니다.",
	ConfAction:  "등록을 완료하려면 이메일 주소를 확인해 주세요.",
	ConfButton:  "이메일 주소 확인",

	LoginSubject: "{event} 로그인 링크",
	LoginHeading: "로그인 링크",
	LoginIntro:   "{event}에 로그인할 수 있는 링크입니다.",
	LoginButton:  "로그인",
}

var arTexts = texts{
	Hello:     "مرحبًا،",
	HelloName: "مرحبًا {name}،",
	When:      "الموعد",
	Organiser: "الجهة المنظمة",
	Expires:   "يظل هذا الرابط صالحًا حتى {date}.",
	Copy:      "إذا لم يعمل الزر، فانسخ هذا الرابط والصقه في متصفحك:",
	Keep:      "لا تشارك هذا الرابط مع أحد: يمكن لأي شخص يملكه تسجيل الدخول باسمك.",
	Ignore:    "إذا لم تكن تتوقع هذه الرسالة، يمكنك تجاهلها.",

	InvSubject:      "دعوة من {org} لحضور {event}",
	InvSubjectNoOrg: "دعوة لحضور {event}",
	InvHeading:      "لديك دعوة",
	InvIntro:        "لديك دعوة من {org} لحضور {event}.",
	InvIntroNoOrg:   "لديك دعوة لحضور {event}.",
	InvAction:       "اقبل الدعوة للمشاركة في الفعالية.",
	InvButton:       "قبول الدعوة",
	AsSpeaker:       "الدعوة موجهة إليك بصفة متحدث.",
	AsModerator:     "الدعوة موجهة إليك بصفة مشرف.",
	AsBoth:          "الدعوة موجهة إليك بصفة متحدث ومشرف.",

	RegSubject:    "تسجيلك في {event}",
	RegHeading:    "تم تسجيلك",
	RegIntro:      "تم تسجيلك في {event}.",
	RegAction:     "استخدم رابطك الشخصي للدخول إلى الفعالية.",
	RegButton:     "الانتقال إلى الفعالية",
	RoleSpeaker:   "تشارك بصفة متحدث.",
	RoleModerator: "تشارك بصفة مشرف.",
	RoleBoth:      "تشارك بصفة متحدث ومشرف.",

	ConfSubject: "تأكيد بريدك الإلكتروني للتسجيل في {event}",
	ConfHeading: "أكّد عنوان بريدك الإلكتروني",
	ConfIntro:   "شكرًا لتسجيلك في {event}.",
	ConfAction:  "يُرجى تأكيد عنوان بريدك الإلكتروني لإكمال التسجيل.",
	ConfButton:  "تأكيد البريد الإلكتروني",

	LoginSubject: "رابط تسجيل الدخول إلى {event}",
	LoginHeading: "رابط تسجيل الدخول",
	LoginIntro:   "إليك رابط تسجيل الدخول إلى {event}.",
	LoginButton:  "تسجيل الدخول",
}

var caTexts = texts{
	Hello:     "Hola:",
	HelloName: "Hola, {name}:",
	When:      "Quan",
	Organiser: "Organitzador",
	Expires:   "Aquest enllaç és vàlid fins a {date}.",
	Copy:      "Si el botó no funciona, copia aquest enllaç al navegador:",
	Keep:      "No comparteixis aquest enllaç: qualsevol persona que el tingui pot accedir-hi en nom teu.",
	Ignore:    "Si no esperaves aquest correu, pots ignorar-lo.",

	InvSubject:      "{org} et convida a {event}",
	InvSubjectNoOrg: "Invitació a {event}",
	InvHeading:      "Tens una invitació",
	InvIntro:        "{org} et convida a {event}.",
	InvIntroNoOrg:   "Tens una invitació a {event}.",
	InvAction:       "Accepta la invitació per participar en l’esdeveniment.",
	InvButton:       "Accepta la invitació",
	AsSpeaker:       "Et conviden com a ponent.",
	AsModerator:     "Et conviden a moderar.",
	AsBoth:          "Et conviden com a ponent i a moderar.",

	RegSubject:    "La teva inscripció a {event}",
	RegHeading:    "Inscripció confirmada",
	RegIntro:      "La teva inscripció a {event} està confirmada.",
	RegAction:     "Fes servir el teu enllaç personal per entrar a l’esdeveniment.",
	RegButton:     "Ves a l’esdeveniment",
	RoleSpeaker:   "Hi participes com a ponent.",
	RoleModerator: "T’encarregues de la moderació.",
	RoleBoth:      "Hi participes com a ponent i t’encarregues de la moderació.",

	ConfSubject: "Confirma la teva adreça electrònica per a {event}",
	ConfHeading: "Confirma la teva adreça electrònica",
	ConfIntro:   "Gràcies per inscriure’t a {event}.",
	ConfAction:  "Confirma la teva adreça electrònica per completar la inscripció.",
	ConfButton:  "Confirma l’adreça electrònica",

	LoginSubject: "El teu enllaç d’accés a {event}",
	LoginHeading: "El teu enllaç d’accés",
	LoginIntro:   "Aquí tens el teu enllaç per accedir a {event}.",
	LoginButton:  "Accedeix",
}

var daTexts = texts{
	Hello:     "Hej,",
	HelloName: "Hej {name},",
	When:      "Hvornår",
	Organiser: "Arrangør",
	Expires:   "Linket virker indtil {date}.",
	Copy:      "Hvis knappen ikke virker, så kopiér dette link ind i din browser:",
	Keep:      "Del ikke dette link: Alle, der har det, kan logge ind som dig.",
	Ignore:    "Hvis du ikke havde ventet denne e-mail, kan du se bort fra den.",

	InvSubject:      "{org} inviterer dig til {event}",
	InvSubjectNoOrg: "Invitation til {event}",
	InvHeading:      "Du er inviteret",
	InvIntro:        "{org} inviterer dig til {event}.",
	InvIntroNoOrg:   "Du er inviteret til {event}.",
	InvAction:       "Accepter invitationen for at deltage i arrangementet.",
	InvButton:       "Accepter invitationen",
	AsSpeaker:       "Du er inviteret som oplægsholder.",
	AsModerator:     "Du er inviteret som moderator.",
	AsBoth:          "Du er inviteret som oplægsholder og moderator.",

	RegSubject:    "Din tilmelding til {event}",
	RegHeading:    "Du er tilmeldt",
	RegIntro:      "Du er tilmeldt {event}.",
	RegAction:     "Brug dit personlige link for at komme ind til arrangementet.",
	RegButton:     "Gå til arrangementet",
	RoleSpeaker:   "Du deltager som oplægsholder.",
	RoleModerator: "Du deltager som moderator.",
	RoleBoth:      "Du deltager som oplægsholder og moderator.",

	ConfSubject: "Bekræft din e-mailadresse til {event}",
	ConfHeading: "Bekræft din e-mailadresse",
	ConfIntro:   "Tak for din tilmelding til {event}.",
	ConfAction:  "Bekræft din e-mailadresse for at gennemføre tilmeldingen.",
	ConfButton:  "Bekræft e-mailadresse",

	LoginSubject: "Dit login-link til {event}",
	LoginHeading: "Dit login-link",
	LoginIntro:   "Her er dit link til at logge ind på {event}.",
	LoginButton:  "Log ind",
}

// The Serbian texts are in Cyrillic (the language picker's "Српски") and
// quote the event name („…“) so that it needs no declension.
var srTexts = texts{
	Hello:     "Здраво!",
	HelloName: "Здраво, {name}!",
	When:      "Када",
	Organiser: "Организатор",
	Expires:   "Овај линк важи до {date}.",
	Copy:      "Ако дугме не ради, копирајте овај линк у прегледач:",
	Keep:      "Не делите овај линк: свако ко га има може да се пријави у ваше име.",
	Ignore:    "Ако нисте очекивали ову поруку, можете је занемарити.",

	InvSubject:      "{org} вас позива на догађај „{event}“",
	InvSubjectNoOrg: "Позивница за догађај „{event}“",
	InvHeading:      "Позвани сте",
	InvIntro:        "{org} вас позива на догађај „{event}“.",
	InvIntroNoOrg:   "Позвани сте на догађај „{event}“.",
	InvAction:       "Прихватите позив да бисте учествовали на догађају.",
	InvButton:       "Прихвати позив",
	AsSpeaker:       "Позвани сте као говорник.",
	AsModerator:     "Позвани сте као модератор.",
	AsBoth:          "Позвани сте као говорник и модератор.",

	RegSubject:    "Ваша регистрација за догађај „{event}“",
	RegHeading:    "Регистровани сте",
	RegIntro:      "Регистровани сте за догађај „{event}“.",
	RegAction:     "Користите свој лични линк да бисте ушли на догађај.",
	RegButton:     "Иди на догађај",
	RoleSpeaker:   "Учествујете као говорник.",
	RoleModerator: "Учествујете као модератор.",
	RoleBoth:      "Учествујете као говорник и модератор.",

	ConfSubject: "Потврдите своју имејл адресу за догађај „{event}“",
	ConfHeading: "Потврдите своју имејл адресу",
	ConfIntro:   "Хвала што сте се регистровали за догађај „{event}“.",
	ConfAction:  "Потврдите своју имејл адресу да бисте завршили регистрацију.",
	ConfButton:  "Потврди имејл адресу",

	LoginSubject: "Ваш линк за пријављивање на догађај „{event}“",
	LoginHeading: "Ваш линк за пријављивање",
	LoginIntro:   "Ово је ваш линк за пријављивање на догађај „{event}“.",
	LoginButton:  "Пријави се",
}

var svTexts = texts{
	Hello:     "Hej!",
	HelloName: "Hej {name}!",
	When:      "När",
	Organiser: "Arrangör",
	Expires:   "Länken gäller till den {date}.",
	Copy:      "Om knappen inte fungerar kan du kopiera den här länken till din webbläsare:",
	Keep:      "Dela inte den här länken: alla som har den kan logga in som du.",
	Ignore:    "Om du inte väntade dig det här mejlet kan du bortse från det.",

	InvSubject:      "{org} bjuder in dig till {event}",
	InvSubjectNoOrg: "Inbjudan till {event}",
	InvHeading:      "Du är inbjuden",
	InvIntro:        "{org} bjuder in dig till {event}.",
	InvIntroNoOrg:   "Du är inbjuden till {event}.",
	InvAction:       "Tacka ja till inbjudan för att delta i evenemanget.",
	InvButton:       "Tacka ja",
	AsSpeaker:       "Du är inbjuden som talare.",
	AsModerator:     "Du är inbjuden som moderator.",
	AsBoth:          "Du är inbjuden som talare och moderator.",

	RegSubject:    "Din anmälan till {event}",
	RegHeading:    "Du är anmäld",
	RegIntro:      "Du är anmäld till {event}.",
	RegAction:     "Använd din personliga länk för att komma in på evenemanget.",
	RegButton:     "Gå till evenemanget",
	RoleSpeaker:   "Du deltar som talare.",
	RoleModerator: "Du deltar som moderator.",
	RoleBoth:      "Du deltar som talare och moderator.",

	ConfSubject: "Bekräfta din e-postadress för {event}",
	ConfHeading: "Bekräfta din e-postadress",
	ConfIntro:   "Tack för din anmälan till {event}.",
	ConfAction:  "Bekräfta din e-postadress för att slutföra anmälan.",
	ConfButton:  "Bekräfta e-postadress",

	LoginSubject: "Din inloggningslänk till {event}",
	LoginHeading: "Din inloggningslänk",
	LoginIntro:   "Här är din länk för att logga in på {event}.",
	LoginButton:  "Logga in",
}
